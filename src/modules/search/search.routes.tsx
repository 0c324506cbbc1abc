import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { searchPageQuery, searchWords } from "./search.schema.ts";
import { SearchPage } from "./search.views.tsx";

/** Results per page of the search page. */
export const PAGE_SIZE = 20;

/**
 * The search page, /search?q=: a form that works without JavaScript, and the results this viewer
 * may see. No words, no query; words that cannot be searched (too long, control characters) are
 * shown back with an error, never sent to the database.
 */
export const searchRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get("/search", { schema: { querystring: searchPageQuery } }, async (request, reply) => {
    const { q: typed, type, page } = request.query;
    const words = searchWords.safeParse(typed);
    const ctx = viewContext(request, reply);
    if (!words.success) {
      const message = words.error.issues[0]?.message ?? "Enter the words to search for";
      // What was typed goes back into the field, but never NUL, and never more than a screenful.
      const shown = typed.replaceAll("\u0000", "").slice(0, 1000);
      return reply.page(<SearchPage ctx={ctx} q={shown} type={type} page={page} results={null} errors={{ q: message }} />, 400);
    }
    const results = words.data === "" ? null : await services.search.search(request.ctx, { q: words.data, type, page, limit: PAGE_SIZE });
    return reply.page(<SearchPage ctx={ctx} q={words.data} type={type} page={page} results={results} errors={{}} />);
  });
};

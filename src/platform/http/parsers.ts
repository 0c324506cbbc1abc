import { isUtf8 } from "node:buffer";
import type { FastifyInstance } from "fastify";
import { BadRequest } from "./errors.ts";

/**
 * Body parsers for JSON and HTML forms that reject bytes which are not UTF-8 with a clear 400,
 * rather than silently turning them into replacement characters and storing them.
 */
export function registerBodyParsers(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser(["application/json"]);
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body: Buffer, done) => {
    if (!isUtf8(body)) return done(new BadRequest("The request body is not valid UTF-8", "invalid_encoding"), undefined);
    if (body.length === 0) return done(new BadRequest("The request body is empty; send a JSON object", "invalid_json"), undefined);
    // The default parser is callback-style here (it was created with an explicit body string).
    void parseJson(request, body.toString("utf8"), (err, value) => {
      if (err) return done(new BadRequest("The request body is not valid JSON", "invalid_json"), undefined);
      done(null, value);
    });
  });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "buffer" }, (_request, body: Buffer, done) => {
    if (!isUtf8(body)) return done(new BadRequest("The form was not sent as UTF-8", "invalid_encoding"), undefined);
    const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
    for (const [key, value] of new URLSearchParams(body.toString("utf8"))) {
      const existing = fields[key];
      if (existing === undefined) fields[key] = value;
      else fields[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
    done(null, fields);
  });
}

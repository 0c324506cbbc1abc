import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { idParams } from "../../platform/http/api-schemas.ts";
import { Conflict, ValidationFailed } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import { StorageUnavailable } from "../../platform/files/file-store.ts";
import { papersPolicy } from "./papers.policy.ts";
import { itemPaperParams, paperVersionFields, versionNumberParams } from "./papers.schema.ts";
import type { PaperDetail } from "./papers.service.ts";
import { acceptUploads, readUpload, sendPaperFile } from "./papers.http.ts";
import { PaperPage, PaperUploadPage, PaperVersionUploadPage } from "./papers.views.tsx";

const versionForm = z.object({ version: z.coerce.number().int().min(1) });

/** What to tell the uploader after a successful upload (a flash message, at most 200 characters). */
function uploadedMessage(what: string, textProblem: string | null): string {
  return textProblem ? `${what}. Its text could not be read (${textProblem}), so search will not find it.` : what;
}

/**
 * Pages for papers: upload to an agenda item, the paper with its versions, downloads, new
 * versions, archive and restore. Uploads are multipart forms, accepted by these routes only.
 */
export const papersRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { papers } = services;
  await acceptUploads(app, papers.maxBytes);

  app.get("/meetings/:meetingId/items/:itemId/papers/new", { schema: { params: itemPaperParams } }, async (request, reply) => {
    requireAllowed(request.ctx.principal, papersPolicy.manage(request.ctx.principal));
    const context = await papers.itemForUpload(request.ctx, request.params.meetingId, request.params.itemId);
    return reply.page(<PaperUploadPage ctx={viewContext(request, reply)} context={context} values={{}} errors={{}} maxBytes={papers.maxBytes} />);
  });

  app.post("/meetings/:meetingId/items/:itemId/papers", { schema: { params: itemPaperParams } }, async (request, reply) => {
    requireAllowed(request.ctx.principal, papersPolicy.manage(request.ctx.principal));
    const { meetingId, itemId } = request.params;
    const context = await papers.itemForUpload(request.ctx, meetingId, itemId);
    const upload = await readUpload(request, papers.maxBytes);
    const again = (errors: Record<string, string>, status: number) =>
      reply.page(
        <PaperUploadPage
          ctx={viewContext(request, reply)}
          context={context}
          values={{ title: upload.fields.title ?? "" }}
          errors={errors}
          maxBytes={papers.maxBytes}
        />,
        status,
      );
    if (upload.problem) return again({ file: upload.problem }, 422);
    try {
      const result = await papers.upload(request.ctx, meetingId, itemId, { title: upload.fields.title, file: upload.file });
      return reply.seeOther(`/papers/${result.paper.id}`, uploadedMessage("The paper has been uploaded", result.textProblem));
    } catch (err) {
      if (err instanceof ValidationFailed) return again(err.fields ?? {}, 422);
      if (err instanceof StorageUnavailable) return again({ file: err.message }, 503);
      throw err;
    }
  });

  app.get("/papers/:id", { schema: { params: idParams } }, async (request, reply) => {
    const detail = await papers.get(request.ctx, request.params.id);
    const history = await papers.history(request.ctx, detail.paper.id);
    return reply.page(
      <PaperPage ctx={viewContext(request, reply)} detail={detail} canManage={papersPolicy.showManageControls(request.ctx.principal)} history={history} />,
    );
  });

  app.get("/papers/:id/download", { schema: { params: idParams } }, async (request, reply) =>
    sendPaperFile(reply, await papers.download(request.ctx, request.params.id)),
  );

  app.get("/papers/:id/versions/:n/download", { schema: { params: versionNumberParams } }, async (request, reply) =>
    sendPaperFile(reply, await papers.download(request.ctx, request.params.id, request.params.n)),
  );

  app.get("/papers/:id/versions/new", { schema: { params: idParams } }, async (request, reply) => {
    requireAllowed(request.ctx.principal, papersPolicy.manage(request.ctx.principal));
    const detail = await papers.get(request.ctx, request.params.id);
    return reply.page(<PaperVersionUploadPage ctx={viewContext(request, reply)} detail={detail} values={{}} errors={{}} maxBytes={papers.maxBytes} />);
  });

  app.post("/papers/:id/versions", { schema: { params: idParams } }, async (request, reply) => {
    requireAllowed(request.ctx.principal, papersPolicy.manage(request.ctx.principal));
    const detail = await papers.get(request.ctx, request.params.id);
    const upload = await readUpload(request, papers.maxBytes);
    const again = (errors: Record<string, string>, status: number, conflict?: PaperDetail) =>
      reply.page(
        <PaperVersionUploadPage
          ctx={viewContext(request, reply)}
          detail={conflict ?? detail}
          values={{ version: conflict ? String(conflict.paper.version) : (upload.fields.version ?? "") }}
          errors={errors}
          maxBytes={papers.maxBytes}
          conflict={conflict}
        />,
        status,
      );
    if (upload.problem) return again({ file: upload.problem }, 422);
    const fields = paperVersionFields.safeParse(upload.fields);
    if (!fields.success) return again({ file: "Reload the page and try again" }, 422);
    try {
      const result = await papers.addVersion(request.ctx, detail.paper.id, { file: upload.file, expectedVersion: fields.data.version });
      return reply.seeOther(
        `/papers/${result.paper.id}`,
        uploadedMessage(`Version ${result.versions[0]?.versionNumber ?? ""} has been uploaded`, result.textProblem),
      );
    } catch (err) {
      if (err instanceof ValidationFailed) return again(err.fields ?? {}, 422);
      if (err instanceof StorageUnavailable) return again({ file: err.message }, 503);
      if (err instanceof Conflict && err.current)
        return again({ _form: "Someone else changed this paper while you were uploading" }, 409, err.current as PaperDetail);
      throw err;
    }
  });

  for (const action of ["archive", "restore"] as const) {
    app.post(`/papers/:id/${action}`, { schema: { params: idParams } }, async (request, reply) => {
      requireAllowed(request.ctx.principal, papersPolicy.manage(request.ctx.principal));
      const parsed = versionForm.safeParse(request.body);
      if (!parsed.success) throw new ValidationFailed({ version: "Reload the page and try again" });
      try {
        const detail = await papers.setArchived(request.ctx, request.params.id, parsed.data.version, action === "archive");
        return reply.seeOther(
          `/papers/${detail.paper.id}`,
          action === "archive" ? `“${detail.paper.title}” has been archived` : `“${detail.paper.title}” has been restored`,
        );
      } catch (err) {
        if (err instanceof Conflict) return reply.seeOther(`/papers/${request.params.id}`, "Someone else changed this paper; check it and try again");
        throw err;
      }
    });
  }
};

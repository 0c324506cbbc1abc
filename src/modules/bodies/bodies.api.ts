import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { presentingConflict } from "../../platform/http/errors.ts";
import { errorResponses, idParams, listResponse, pageOf, paginationQuery, versionField } from "../../platform/http/api-schemas.ts";
import {
  bodyInput,
  bodyListQuery,
  bodyOutput,
  bodyPatch,
  membershipChangeRoleInput,
  membershipEndInput,
  membershipInput,
  membershipListQuery,
  membershipOutput,
  membershipParams,
  ratifyInput,
  termsOfReferenceInput,
  termsOfReferenceOutput,
  termsOfReferenceParams,
  termsOfReferencePatch,
} from "./bodies.schema.ts";
import { presentBody, presentBodyConflict, presentMembership, presentMembershipConflict, presentTermsOfReference } from "./bodies.presenter.ts";
import type { BodyRow, MembershipRow } from "./bodies.tables.ts";

const tags = ["Bodies"];
const membershipTags = ["Memberships"];
const termsTags = ["Terms of reference"];
const write = [{ bearer: [] }];
const STALE = "Send the `version` you read; if the record changed since, the answer is 409 and nothing is written.";

/**
 * JSON API for governance bodies, their memberships and terms of reference: /api/v1/bodies,
 * /api/v1/bodies/{id}/memberships and /api/v1/bodies/{id}/terms-of-reference. Anonymous callers
 * see current bodies, their members, and ratified or superseded terms; never drafts.
 */
export const bodiesApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { bodies } = services;

  // -- Bodies

  app.get(
    "/bodies",
    {
      schema: {
        tags,
        summary: "List bodies",
        description: "Filter by words in the name or short name (`q`) and `kind`; `status` needs a role in the partnership.",
        querystring: bodyListQuery,
        response: { 200: listResponse(bodyOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, ...filter } = request.query;
      const result = pageOf(await bodies.list(request.ctx, filter, page, limit), page, limit);
      return { ...result, data: result.data.map(presentBody) };
    },
  );

  app.get("/bodies/:id", { schema: { tags, summary: "Get a body", params: idParams, response: { 200: bodyOutput, ...errorResponses } } }, async (request) =>
    presentBody(await bodies.getWithRelations(request.ctx, request.params.id)),
  );

  app.post(
    "/bodies",
    { schema: { tags, summary: "Create a body", security: write, body: bodyInput, response: { 201: bodyOutput, ...errorResponses } } },
    async (request, reply) => {
      const row = await bodies.create(request.ctx, request.body);
      return reply.code(201).send(presentBody(await bodies.getWithRelations(request.ctx, row.id)));
    },
  );

  app.patch(
    "/bodies/:id",
    {
      schema: {
        tags,
        summary: "Update a body",
        description: `${STALE} A new parent must not be the body itself or any body below it (422).`,
        security: write,
        params: idParams,
        body: bodyPatch,
        response: { 200: bodyOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      const row = await presentingConflict(
        (current: BodyRow) => presentBodyConflict(current),
        () => bodies.update(request.ctx, request.params.id, version, changes),
      );
      return presentBody(await bodies.getWithRelations(request.ctx, row.id));
    },
  );

  for (const action of ["archive", "restore"] as const) {
    app.post(
      `/bodies/:id/${action}`,
      {
        schema: {
          tags,
          summary: action === "archive" ? "Archive a body" : "Restore an archived body",
          description:
            action === "archive"
              ? "A body with current sub-bodies cannot be archived (409, code `has_sub_bodies`)."
              : "A body whose parent is archived cannot be restored until its parent is (409, code `parent_archived`).",
          security: write,
          params: idParams,
          body: z.strictObject({ version: versionField }),
          response: { 200: bodyOutput, ...errorResponses },
        },
      },
      async (request) => {
        const row = await presentingConflict(
          (current: BodyRow) => presentBodyConflict(current),
          () => bodies.setArchived(request.ctx, request.params.id, request.body.version, action === "archive"),
        );
        return presentBody(await bodies.getWithRelations(request.ctx, row.id));
      },
    );
  }

  // -- Memberships

  app.get(
    "/bodies/:id/memberships",
    {
      schema: {
        tags: membershipTags,
        summary: "List a body's memberships, current and past",
        description:
          "History is kept: a change of role ends one membership and starts another. `current=true` lists only memberships that have not ended today.",
        params: idParams,
        querystring: membershipListQuery,
        response: { 200: listResponse(membershipOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, current } = request.query;
      const result = pageOf(await bodies.listMemberships(request.ctx, request.params.id, current, page, limit), page, limit);
      const today = bodies.today();
      return { ...result, data: result.data.map((m) => presentMembership(m, request.ctx.principal, today)) };
    },
  );

  app.get(
    "/bodies/:id/memberships/:membershipId",
    { schema: { tags: membershipTags, summary: "Get a membership", params: membershipParams, response: { 200: membershipOutput, ...errorResponses } } },
    async (request) =>
      presentMembership(await bodies.getMembership(request.ctx, request.params.id, request.params.membershipId), request.ctx.principal, bodies.today()),
  );

  app.post(
    "/bodies/:id/memberships",
    {
      schema: {
        tags: membershipTags,
        summary: "Add a member",
        description: "The person must be a current person of this partnership without an open seat on the body (422 otherwise).",
        security: write,
        params: idParams,
        body: membershipInput,
        response: { 201: membershipOutput, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(presentMembership(await bodies.addMember(request.ctx, request.params.id, request.body), request.ctx.principal, bodies.today())),
  );

  app.post(
    "/bodies/:id/memberships/:membershipId/end",
    {
      schema: {
        tags: membershipTags,
        summary: "End a membership",
        description: `${STALE} \`endsOn\` is the last day of the membership and must not be before it started.`,
        security: write,
        params: membershipParams,
        body: membershipEndInput,
        response: { 200: membershipOutput, ...errorResponses },
      },
    },
    async (request) => {
      const today = bodies.today();
      const ended = await presentingConflict(
        (current: MembershipRow) => presentMembershipConflict(current, request.ctx.principal, today),
        () => bodies.endMembership(request.ctx, request.params.id, request.params.membershipId, request.body),
      );
      return presentMembership(ended, request.ctx.principal, today);
    },
  );

  app.post(
    "/bodies/:id/memberships/:membershipId/change-role",
    {
      schema: {
        tags: membershipTags,
        summary: "Change a member's role",
        description: `${STALE} In one transaction the membership ends the day before \`startsOn\` and a new one starts; the answer is the new membership.`,
        security: write,
        params: membershipParams,
        body: membershipChangeRoleInput,
        response: { 201: membershipOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const today = bodies.today();
      const { started } = await presentingConflict(
        (current: MembershipRow) => presentMembershipConflict(current, request.ctx.principal, today),
        () => bodies.changeRole(request.ctx, request.params.id, request.params.membershipId, request.body),
      );
      return reply.code(201).send(presentMembership(started, request.ctx.principal, today));
    },
  );

  // -- Terms of reference

  app.get(
    "/bodies/:id/terms-of-reference",
    {
      schema: {
        tags: termsTags,
        summary: "List versions of a body's terms of reference",
        description: "Newest first. Drafts are listed only for users with a role in the partnership.",
        params: idParams,
        querystring: z.object(paginationQuery),
        response: { 200: listResponse(termsOfReferenceOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit } = request.query;
      const result = pageOf(await bodies.listTermsOfReference(request.ctx, request.params.id, page, limit), page, limit);
      return { ...result, data: result.data.map(presentTermsOfReference) };
    },
  );

  app.get(
    "/bodies/:id/terms-of-reference/:termsId",
    {
      schema: {
        tags: termsTags,
        summary: "Get a version of terms of reference",
        params: termsOfReferenceParams,
        response: { 200: termsOfReferenceOutput, ...errorResponses },
      },
    },
    async (request) => presentTermsOfReference(await bodies.getTermsOfReference(request.ctx, request.params.id, request.params.termsId)),
  );

  app.post(
    "/bodies/:id/terms-of-reference",
    {
      schema: {
        tags: termsTags,
        summary: "Add a draft version",
        description: "Give the text, a `documentUrl` (https only), or both, and the quorum rule.",
        security: write,
        params: idParams,
        body: termsOfReferenceInput,
        response: { 201: termsOfReferenceOutput, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(presentTermsOfReference(await bodies.addDraft(request.ctx, request.params.id, request.body))),
  );

  app.patch(
    "/bodies/:id/terms-of-reference/:termsId",
    {
      schema: {
        tags: termsTags,
        summary: "Update a draft",
        description: `${STALE} Ratified and superseded versions never change (409, code \`not_draft\`).`,
        security: write,
        params: termsOfReferenceParams,
        body: termsOfReferencePatch,
        response: { 200: termsOfReferenceOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      return presentTermsOfReference(
        await presentingConflict(presentTermsOfReference, () => bodies.updateDraft(request.ctx, request.params.id, request.params.termsId, version, changes)),
      );
    },
  );

  app.post(
    "/bodies/:id/terms-of-reference/:termsId/ratify",
    {
      schema: {
        tags: termsTags,
        summary: "Record the ratification of a draft",
        description: `${STALE} The version ratified before is superseded in the same transaction. \`ratifiedOn\` may not be in the future, nor before the date the version in force was ratified.`,
        security: write,
        params: termsOfReferenceParams,
        body: ratifyInput,
        response: { 200: termsOfReferenceOutput, ...errorResponses },
      },
    },
    async (request) =>
      presentTermsOfReference(
        await presentingConflict(presentTermsOfReference, () => bodies.ratify(request.ctx, request.params.id, request.params.termsId, request.body)),
      ),
  );
};

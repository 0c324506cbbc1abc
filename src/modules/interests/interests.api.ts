import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { presentingConflict } from "../../platform/http/errors.ts";
import { errorResponses, idParams, listResponse, pageOf } from "../../platform/http/api-schemas.ts";
import type { InterestView, MeetingDeclarationView } from "./interests.repository.ts";
import {
  conflictFlagOutput,
  interestDeclarationInput,
  interestDeclarationOutput,
  interestEndInput,
  interestInput,
  interestListQuery,
  interestOutput,
  interestPatch,
  meetingDeclarationInput,
  meetingDeclarationOutput,
  meetingDeclarationParams,
  meetingDeclarationPatch,
  meetingListQuery,
} from "./interests.schema.ts";
import { presentInterest, presentInterestDeclaration, presentMeetingDeclaration } from "./interests.presenter.ts";

const tags = ["Interests"];
const declarationTags = ["Declarations of interest"];
const write = [{ bearer: [] }];
const STALE = "Send the `version` you read; if the record changed since, the answer is 409 and nothing is written.";

/**
 * JSON API for the register of interests (/api/v1/interests), annual declarations
 * (/api/v1/people/{id}/interest-declarations), declarations at meetings and the automatic flags
 * (/api/v1/meetings/{id}/declarations, /api/v1/meetings/{id}/interest-flags). Anonymous callers
 * see the published register and the Part I declarations of meetings that have been held.
 */
export const interestsApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { interests } = services;

  // -- Register of interests

  app.get(
    "/interests",
    {
      schema: {
        tags,
        summary: "List the register of interests",
        description:
          "Filter by `personId`, `organisationId`, `category` and `current`. Anonymous callers see the published register: current interests of people who sit on one of the partnership's bodies.",
        querystring: interestListQuery,
        response: { 200: listResponse(interestOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, ...filter } = request.query;
      const result = pageOf(await interests.list(request.ctx, filter, page, limit), page, limit);
      const today = interests.today();
      return { ...result, data: result.data.map((r) => presentInterest(r, request.ctx.principal, today)) };
    },
  );

  app.get(
    "/interests/:id",
    { schema: { tags, summary: "Get an entry of the register", params: idParams, response: { 200: interestOutput, ...errorResponses } } },
    async (request) => presentInterest(await interests.get(request.ctx, request.params.id), request.ctx.principal, interests.today()),
  );

  app.post(
    "/interests",
    {
      schema: {
        tags,
        summary: "Register an interest",
        description: "`organisationId`, where given, must be a current organisation of the partnership (422 otherwise).",
        security: write,
        body: interestInput,
        response: { 201: interestOutput, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(presentInterest(await interests.create(request.ctx, request.body), request.ctx.principal, interests.today())),
  );

  app.patch(
    "/interests/:id",
    {
      schema: {
        tags,
        summary: "Update an entry of the register",
        description: STALE,
        security: write,
        params: idParams,
        body: interestPatch,
        response: { 200: interestOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      const present = (row: InterestView) => presentInterest(row, request.ctx.principal, interests.today());
      return present(await presentingConflict(present, () => interests.update(request.ctx, request.params.id, version, changes)));
    },
  );

  app.post(
    "/interests/:id/end",
    {
      schema: {
        tags,
        summary: "End an interest",
        description: `${STALE} \`endsOn\` is the interest's last day; the entry stays on the register as history.`,
        security: write,
        params: idParams,
        body: interestEndInput,
        response: { 200: interestOutput, ...errorResponses },
      },
    },
    async (request) => {
      const present = (row: InterestView) => presentInterest(row, request.ctx.principal, interests.today());
      return present(await presentingConflict(present, () => interests.end(request.ctx, request.params.id, request.body)));
    },
  );

  // -- Annual declarations

  app.get(
    "/people/:id/interest-declarations",
    {
      schema: {
        tags,
        summary: "List a person's annual declarations and nil returns",
        description: "Newest first. For people with a role in the partnership.",
        params: idParams,
        response: { 200: z.object({ data: z.array(interestDeclarationOutput) }), ...errorResponses },
      },
    },
    async (request) => ({ data: (await interests.listDeclarations(request.ctx, request.params.id)).map(presentInterestDeclaration) }),
  );

  app.post(
    "/people/:id/interest-declarations",
    {
      schema: {
        tags,
        summary: "Record an annual declaration or a nil return",
        description: "A nil return is refused (422) while the person has current interests on the register.",
        security: write,
        params: idParams,
        body: interestDeclarationInput,
        response: { 201: interestDeclarationOutput, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(presentInterestDeclaration(await interests.recordDeclaration(request.ctx, request.params.id, request.body))),
  );

  // -- Declarations at meetings

  app.get(
    "/meetings/:id/declarations",
    {
      schema: {
        tags: declarationTags,
        summary: "List the declarations of interest made at a meeting",
        description: "Part I declarations are public once the meeting has been held; Part II ones only for admins, the board office and members.",
        params: idParams,
        querystring: meetingListQuery,
        response: { 200: listResponse(meetingDeclarationOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit } = request.query;
      const rows = await interests.declarationsForMeeting(request.ctx, request.params.id);
      const result = pageOf(rows.slice((page - 1) * limit, page * limit + 1), page, limit);
      return { ...result, data: result.data.map(presentMeetingDeclaration) };
    },
  );

  app.post(
    "/meetings/:id/declarations",
    {
      schema: {
        tags: declarationTags,
        summary: "Record a declaration of interest at a meeting",
        description: "`agendaItemId` must be an item of this meeting; `interestId`, where given, one of the person's registered interests.",
        security: write,
        params: idParams,
        body: meetingDeclarationInput,
        response: { 201: meetingDeclarationOutput, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(presentMeetingDeclaration(await interests.createMeetingDeclaration(request.ctx, request.params.id, request.body))),
  );

  app.patch(
    "/meetings/:id/declarations/:declarationId",
    {
      schema: {
        tags: declarationTags,
        summary: "Update a declaration made at a meeting",
        description: STALE,
        security: write,
        params: meetingDeclarationParams,
        body: meetingDeclarationPatch,
        response: { 200: meetingDeclarationOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      const { id, declarationId } = request.params;
      return presentMeetingDeclaration(
        await presentingConflict(
          (row: MeetingDeclarationView) => presentMeetingDeclaration(row),
          () => interests.updateMeetingDeclaration(request.ctx, id, declarationId, version, changes),
        ),
      );
    },
  );

  app.get(
    "/meetings/:id/interest-flags",
    {
      schema: {
        tags: declarationTags,
        summary: "Possible conflicts of interest to consider before a meeting",
        description:
          "Members of the meeting's body (on the meeting date) whose current registered interest names an organisation an agenda item concerns. Empty for anyone without a role in the partnership.",
        params: idParams,
        response: { 200: z.object({ data: z.array(conflictFlagOutput) }), ...errorResponses },
      },
    },
    async (request) => ({ data: await interests.flagsForMeeting(request.ctx, request.params.id) }),
  );
};

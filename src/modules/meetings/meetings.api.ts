import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { presentingConflict } from "../../platform/http/errors.ts";
import { errorResponses, idParams, listResponse, pageOf } from "../../platform/http/api-schemas.ts";
import { addCalendarDays, fromLondon } from "../../platform/time.ts";
import {
  agendaItemInput,
  agendaItemOutput,
  agendaItemPatch,
  generateInput,
  generateOutput,
  itemListQuery,
  itemParams,
  meetingInput,
  meetingListQuery,
  meetingOutput,
  meetingPatch,
  moveInput,
  postponeInput,
  publishOutput,
  reasonInput,
  versionInput,
} from "./meetings.schema.ts";
import { presentItem, presentItemConflict, presentMeeting, presentMeetingConflict } from "./meetings.presenter.ts";
import { actionOutput } from "../actions/actions.schema.ts";
import type { AgendaItemView, MeetingRow } from "./meetings.repository.ts";

const tags = ["Meetings"];
const itemTags = ["Agenda items"];
const write = [{ bearer: [] }];
const STALE = "Send the `version` you read; if the record changed since, the answer is 409 and nothing is written.";

/**
 * JSON API for meetings and their agendas: /api/v1/meetings and /api/v1/meetings/{id}/items.
 * Anonymous callers see meetings of current bodies; their Part I agenda once published; never
 * Part II items (which are left out of lists, numbering and counts, and answer 404 alone).
 */
export const meetingsApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { meetings } = services;
  const conflictMeeting = (current: MeetingRow) => presentMeetingConflict(current);
  const conflictItem = (current: AgendaItemView) => presentItemConflict(current);

  // -- Meetings

  app.get(
    "/meetings",
    {
      schema: {
        tags,
        summary: "List meetings",
        description: "Soonest first. Filter by `bodyId` and by days in England (`from`, `to`, both inclusive, YYYY-MM-DD).",
        querystring: meetingListQuery,
        response: { 200: listResponse(meetingOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, bodyId, from, to } = request.query;
      const rows = await meetings.list(
        request.ctx,
        {
          bodyId,
          from: from ? (fromLondon(from, "00:00") ?? undefined) : undefined,
          to: to ? (fromLondon(addCalendarDays(to, 1), "00:00") ?? undefined) : undefined,
          order: "asc",
        },
        page,
        limit,
      );
      const result = pageOf(rows, page, limit);
      return { ...result, data: result.data.map(presentMeeting) };
    },
  );

  app.post(
    "/meetings",
    {
      schema: {
        tags,
        summary: "Schedule a meeting",
        description: "Day and times are in England (Europe/London); they are stored as UTC instants.",
        security: write,
        body: meetingInput,
        response: { 201: meetingOutput, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(presentMeeting(await meetings.create(request.ctx, request.body))),
  );

  app.post(
    "/meetings/generate",
    {
      schema: {
        tags,
        summary: "Generate meetings from a rule",
        description:
          "For example the first Monday of each month at 10:00 for 2 hours, for 12 months from `fromMonth`. Days on which the body already has a meeting are skipped. With `dryRun` nothing is created; otherwise all are created in one transaction.",
        security: write,
        body: generateInput,
        response: { 200: generateOutput, 201: generateOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { dryRun, ...rule } = request.body;
      const result = await meetings.generate(request.ctx, { ...rule, dryRun }, !dryRun);
      return reply.code(dryRun ? 200 : 201).send({
        rule: result.rule,
        dryRun,
        meetings: result.meetings.map((m) => ({
          date: m.date,
          startsAt: m.startsAt.toISOString(),
          endsAt: m.endsAt.toISOString(),
          skipped: m.skipped,
          id: m.id,
        })),
      });
    },
  );

  app.get(
    "/meetings/:id",
    { schema: { tags, summary: "Get a meeting", params: idParams, response: { 200: meetingOutput, ...errorResponses } } },
    async (request) => presentMeeting(await meetings.get(request.ctx, request.params.id)),
  );

  app.get(
    "/meetings/:id/matters-arising",
    {
      schema: {
        tags,
        summary: "Matters arising: the body's open actions as this meeting sees them",
        description:
          "The open and in-progress actions of the meeting's body raised at its earlier meetings (or entered standalone before this meeting starts), soonest due first: what the meeting's matters arising item reviews. Each caller sees the actions the action log would show them.",
        params: idParams,
        response: { 200: z.object({ data: z.array(actionOutput) }), ...errorResponses },
      },
    },
    async (request) => {
      const meeting = await meetings.get(request.ctx, request.params.id);
      return { data: await services.actions.openForBody(request.ctx, meeting.bodyId, meeting.startsAt) };
    },
  );

  app.patch(
    "/meetings/:id",
    {
      schema: {
        tags,
        summary: "Update a meeting",
        description: `${STALE} A day or time left out keeps its present value. A change a calendar would notice increases \`sequence\`.`,
        security: write,
        params: idParams,
        body: meetingPatch,
        response: { 200: meetingOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      return presentMeeting(await presentingConflict(conflictMeeting, () => meetings.update(request.ctx, request.params.id, version, changes)));
    },
  );

  app.post(
    "/meetings/:id/cancel",
    {
      schema: {
        tags,
        summary: "Cancel a meeting",
        description: `${STALE} A meeting that has been held cannot be cancelled (409, code \`meeting_state\`).`,
        security: write,
        params: idParams,
        body: reasonInput,
        response: { 200: meetingOutput, ...errorResponses },
      },
    },
    async (request) =>
      presentMeeting(
        await presentingConflict(conflictMeeting, () => meetings.cancel(request.ctx, request.params.id, request.body.version, request.body.reason)),
      ),
  );

  app.post(
    "/meetings/:id/postpone",
    {
      schema: {
        tags,
        summary: "Postpone a meeting",
        description: `${STALE} With \`date\`, \`startTime\` and \`endTime\` the meeting moves there; without, it is postponed until given a new time.`,
        security: write,
        params: idParams,
        body: postponeInput,
        response: { 200: meetingOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, reason, date, startTime, endTime } = request.body;
      const newTime = date ? { date, startTime: startTime ?? "", endTime: endTime ?? "" } : null;
      if (newTime && (!startTime || !endTime)) {
        const current = await meetings.get(request.ctx, request.params.id);
        const { startTime: s, endTime: e } = presentMeeting(current);
        newTime.startTime = startTime ?? s;
        newTime.endTime = endTime ?? e;
      }
      return presentMeeting(await presentingConflict(conflictMeeting, () => meetings.postpone(request.ctx, request.params.id, version, reason, newTime)));
    },
  );

  app.post(
    "/meetings/:id/publish-agenda",
    {
      schema: {
        tags,
        summary: "Publish a meeting's agenda",
        description: `${STALE} From now on the public sees its Part I items and papers. Fewer than three clear days before the meeting is allowed, with a warning in \`warnings\`.`,
        security: write,
        params: idParams,
        body: versionInput,
        response: { 200: publishOutput, ...errorResponses },
      },
    },
    async (request) => {
      const result = await presentingConflict(conflictMeeting, () => meetings.publishAgenda(request.ctx, request.params.id, request.body.version));
      return { ...presentMeeting(result.meeting), warnings: result.warnings };
    },
  );

  app.post(
    "/meetings/:id/held",
    {
      schema: {
        tags,
        summary: "Record that a meeting was held",
        description: `${STALE} Only once the meeting has started (409, code \`meeting_not_started\`).`,
        security: write,
        params: idParams,
        body: versionInput,
        response: { 200: meetingOutput, ...errorResponses },
      },
    },
    async (request) => presentMeeting(await presentingConflict(conflictMeeting, () => meetings.markHeld(request.ctx, request.params.id, request.body.version))),
  );

  // -- Agenda items

  app.get(
    "/meetings/:id/items",
    {
      schema: {
        tags: itemTags,
        summary: "List a meeting's agenda items in order",
        description:
          "Numbered (1, 2, 2.1) and timed from the meeting's start. Empty for the public until the agenda is published; Part II items only for those entitled.",
        params: idParams,
        querystring: itemListQuery,
        response: { 200: listResponse(agendaItemOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit } = request.query;
      const items = await meetings.listItems(request.ctx, request.params.id);
      const result = pageOf(items.slice((page - 1) * limit), page, limit);
      return { ...result, data: result.data.map(presentItem) };
    },
  );

  app.get(
    "/meetings/:id/items/:itemId",
    { schema: { tags: itemTags, summary: "Get an agenda item", params: itemParams, response: { 200: agendaItemOutput, ...errorResponses } } },
    async (request) => presentItem((await meetings.getItemOf(request.ctx, request.params.id, request.params.itemId)).item),
  );

  app.post(
    "/meetings/:id/items",
    {
      schema: {
        tags: itemTags,
        summary: "Add an agenda item",
        description: "The item goes to the end of its level (top level, or under `parentItemId`). Part II items need an `exemptionReason`.",
        security: write,
        params: idParams,
        body: agendaItemInput,
        response: { 201: agendaItemOutput, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(presentItem(await meetings.addItem(request.ctx, request.params.id, request.body))),
  );

  app.patch(
    "/meetings/:id/items/:itemId",
    {
      schema: {
        tags: itemTags,
        summary: "Update an agenda item",
        description: `${STALE} Sending \`presenters\`, \`bodyIds\` or \`organisationIds\` replaces the whole list.`,
        security: write,
        params: itemParams,
        body: agendaItemPatch,
        response: { 200: agendaItemOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      const { id, itemId } = request.params;
      await presentingConflict(conflictItem, () => meetings.updateItem(request.ctx, id, itemId, version, changes));
      return presentItem((await meetings.getItemOf(request.ctx, id, itemId)).item);
    },
  );

  app.post(
    "/meetings/:id/items/:itemId/move",
    {
      schema: {
        tags: itemTags,
        summary: "Move an agenda item up or down",
        description: "Swaps the item with its neighbour at the same level; at either end nothing changes.",
        security: write,
        params: itemParams,
        body: moveInput,
        response: { 200: agendaItemOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { id, itemId } = request.params;
      await meetings.moveItem(request.ctx, id, itemId, request.body.direction);
      return presentItem((await meetings.getItemOf(request.ctx, id, itemId)).item);
    },
  );

  app.post(
    "/meetings/:id/items/:itemId/remove",
    {
      schema: {
        tags: itemTags,
        summary: "Remove an agenda item",
        description: `${STALE} Its sub-items go with it. Only before the meeting is held (409, code \`meeting_held\`), and not while papers, decisions or a forward plan entry are attached (409, code \`item_in_use\`).`,
        security: write,
        params: itemParams,
        body: versionInput,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await presentingConflict(conflictItem, () => meetings.removeItem(request.ctx, request.params.id, request.params.itemId, request.body.version));
      return reply.code(204).send(null);
    },
  );
};

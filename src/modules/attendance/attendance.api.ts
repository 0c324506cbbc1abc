import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { presentingConflict } from "../../platform/http/errors.ts";
import { errorResponses, idParams, listResponse, pageOf, paginationQuery } from "../../platform/http/api-schemas.ts";
import { z } from "zod";
import { attendanceInput, attendanceOutput, attendanceParams, attendanceUpdate, quorumOutput, removeQuery } from "./attendance.schema.ts";
import { presentAttendance, presentQuorum } from "./attendance.presenter.ts";

const tags = ["Attendance"];
const write = [{ bearer: [] }];
const VISIBILITY = "Anonymous callers see a meeting's attendance and quorum once its minutes are approved; before that the answer is 404.";

/**
 * JSON API for attendance and quorum: /api/v1/meetings/{id}/attendance and
 * /api/v1/meetings/{id}/quorum.
 */
export const attendanceApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { attendance } = services;

  app.get(
    "/meetings/:id/attendance",
    {
      schema: {
        tags,
        summary: "List a meeting's attendance",
        description: `Members present, apologies, absences, deputies (and for whom) and others in attendance. ${VISIBILITY}`,
        params: idParams,
        querystring: z.object(paginationQuery),
        response: { 200: listResponse(attendanceOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit } = request.query;
      const rows = await attendance.listForMeeting(request.ctx, request.params.id);
      const result = pageOf(rows.slice((page - 1) * limit), page, limit);
      return { ...result, data: result.data.map(presentAttendance) };
    },
  );

  app.post(
    "/meetings/:id/attendance",
    {
      schema: {
        tags,
        summary: "Record one person's attendance",
        description:
          "Members of the body on the meeting date are `present`, `apologies` or `absent`; anyone else is `in_attendance` or a `deputy` with `deputyForPersonId` (a member who is not present). 409 if the person is already recorded (change them with PUT).",
        security: write,
        params: idParams,
        body: attendanceInput,
        response: { 201: attendanceOutput, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(presentAttendance(await presentingConflict(presentAttendance, () => attendance.record(request.ctx, request.params.id, request.body)))),
  );

  app.put(
    "/meetings/:id/attendance/:personId",
    {
      schema: {
        tags,
        summary: "Record or change one person's attendance",
        description:
          "Send the `version` you read; if the record changed since (or was removed), the answer is 409 with the newer record and nothing is written. Omit `version` to record someone not yet recorded.",
        security: write,
        params: attendanceParams,
        body: attendanceUpdate,
        response: { 200: attendanceOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return presentAttendance(
        await presentingConflict(presentAttendance, () => attendance.update(request.ctx, request.params.id, request.params.personId, version, input)),
      );
    },
  );

  app.delete(
    "/meetings/:id/attendance/:personId",
    {
      schema: {
        tags,
        summary: "Remove one person's attendance record",
        description:
          "For a record made by mistake. Pass the `version` you read as a query parameter; 409 if it changed since, 204 if there is (now) no record.",
        security: write,
        params: attendanceParams,
        querystring: removeQuery,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await presentingConflict(presentAttendance, () => attendance.remove(request.ctx, request.params.id, request.params.personId, request.query.version));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/meetings/:id/quorum",
    {
      schema: {
        tags,
        summary: "Whether a meeting was quorate, overall and per agenda item",
        description: `From the quorum rule of the body's ratified terms of reference in force on the meeting date: voting members present and deputies for voting members count; each item is recalculated without those who left it after declaring an interest. \`overall\` is null when no terms of reference were in force. ${VISIBILITY}`,
        params: idParams,
        response: { 200: quorumOutput, ...errorResponses },
      },
    },
    async (request) => {
      const o = await attendance.overview(request.ctx, request.params.id);
      return presentQuorum(o.meeting.id, o.date, o.rule, o.quorum, o.items);
    },
  );
};

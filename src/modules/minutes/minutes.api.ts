import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { presentingConflict } from "../../platform/http/errors.ts";
import { errorResponses, idParams } from "../../platform/http/api-schemas.ts";
import { itemMinutesOutput, itemMinutesPatch, itemParams, minutesOutput, minutesStatusInput } from "./minutes.schema.ts";
import { presentItemMinutes, presentMinutes } from "./minutes.presenter.ts";
import type { ItemMinutesView } from "./minutes.service.ts";
import type { MeetingItemRef } from "../attendance/meetings-port.ts";

const tags = ["Minutes"];
const write = [{ bearer: [] }];

/** JSON API for minutes: /api/v1/meetings/{id}/minutes. */
export const minutesApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { minutes } = services;
  const presentConflict = (current: ItemMinutesView & { item: MeetingItemRef }) => presentItemMinutes(current.item, current);

  app.get(
    "/meetings/:id/minutes",
    {
      schema: {
        tags,
        summary: "Get a meeting's minutes",
        description:
          "Each agenda item's minutes, in agenda order. Anonymous callers get them once approved (404 before), and then only Part I items' public summaries and outcomes; the discussion is for the partnership only, and Part II items only for admins, secretaries and members.",
        params: idParams,
        response: { 200: minutesOutput, ...errorResponses },
      },
    },
    async (request) => presentMinutes(await minutes.get(request.ctx, request.params.id)),
  );

  app.patch(
    "/meetings/:id/minutes/items/:itemId",
    {
      schema: {
        tags,
        summary: "Write one agenda item's minutes",
        description:
          "Only the fields sent change. Send the `version` you read (0 when the item had no minutes); if they changed since, the answer is 409 with the newer minutes and nothing is written. Approved minutes never change (409).",
        security: write,
        params: itemParams,
        body: itemMinutesPatch,
        response: { 200: itemMinutesOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      const saved = await presentingConflict(presentConflict, () =>
        minutes.updateItem(request.ctx, request.params.id, request.params.itemId, version, changes),
      );
      return presentItemMinutes(saved.item, saved);
    },
  );

  app.post(
    "/meetings/:id/minutes/status",
    {
      schema: {
        tags,
        summary: "Draft or circulate a meeting's minutes",
        description:
          "`draft` starts drafting the minutes of a held meeting (or returns circulated minutes to draft); `circulated` circulates draft minutes to members. Minutes are approved only by a decision of a later meeting (see the decisions API). A transition the minutes' state does not allow is 409.",
        security: write,
        params: idParams,
        body: minutesStatusInput,
        response: { 200: minutesOutput, ...errorResponses },
      },
    },
    async (request) => {
      if (request.body.status === "draft") await minutes.markDraft(request.ctx, request.params.id);
      else await minutes.circulate(request.ctx, request.params.id);
      return presentMinutes(await minutes.get(request.ctx, request.params.id));
    },
  );
};

import type { Database } from "../../platform/db/client.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { bodiesRepository } from "./bodies.repository.ts";

/** Governance bodies, their terms of reference and memberships. */
export function bodiesService(deps: { db: Database }) {
  const repo = bodiesRepository(deps.db);
  return {
    listTopLevel: (ctx: RequestContext) => repo.listTopLevel(ctx.partnership.id),
  };
}

export type BodiesService = ReturnType<typeof bodiesService>;

import type { Executor } from "../db/client.ts";
import { actorOf, type RequestContext } from "../http/context.ts";
import { Conflict, NotFound } from "../http/errors.ts";
import { auditSnapshot, recordAudit } from "./audit.ts";

/** Records the creation of a row in the audit trail and returns the row. */
export async function auditedCreate<R extends { id: string }>(tx: Executor, ctx: RequestContext, recordType: string, row: R): Promise<R> {
  await recordAudit(tx, { partnershipId: ctx.partnership.id, actor: actorOf(ctx), requestId: ctx.requestId, recordType, recordId: row.id, action: "create", after: auditSnapshot(row) });
  return row;
}

/**
 * Applies an optimistic-concurrency write and audits it: 404 if the record is not in this
 * partnership, 409 with the current record if it changed since the writer read it.
 */
export async function auditedUpdate<R extends { id: string }>(
  tx: Executor,
  ctx: RequestContext,
  options: {
    recordType: string;
    action?: string;
    notFound?: string;
    find: () => Promise<R | undefined>;
    write: (before: R) => Promise<R | undefined>;
  },
): Promise<R> {
  const before = await options.find();
  if (!before) throw new NotFound(options.notFound ?? "Record not found");
  const after = await options.write(before);
  if (!after) throw new Conflict(undefined, before);
  await recordAudit(tx, {
    partnershipId: ctx.partnership.id,
    actor: actorOf(ctx),
    requestId: ctx.requestId,
    recordType: options.recordType,
    recordId: after.id,
    action: options.action ?? "update",
    before: auditSnapshot(before),
    after: auditSnapshot(after),
  });
  return after;
}

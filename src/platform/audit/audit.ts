import { and, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { auditEvents, type AuditEventRow } from "./audit.tables.ts";

/** What happened: "create", "update", "archive", "restore", or a domain verb such as "ratify". */
export type AuditAction = string;

export interface AuditEntry {
  partnershipId: string;
  actor: { userId: string | null; name: string };
  requestId?: string | null;
  recordType: string;
  recordId: string;
  action: AuditAction;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Converts a row to plain JSON for the audit trail: dates as ISO strings, bookkeeping columns dropped. */
export function auditSnapshot(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === "partnershipId" || key === "createdAt" || key === "updatedAt" || key === "passwordHash") continue;
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/** Appends one entry to the audit trail, inside the caller's transaction so it commits with the change. */
export async function recordAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  // Every write runs this: a named statement, so PostgreSQL parses it once per connection.
  const insert = prepared(tx, "audit_insert", () =>
    tx.insert(auditEvents).values({
      partnershipId: sql.placeholder("partnershipId"),
      actorUserId: sql.placeholder("actorUserId"),
      actorName: sql.placeholder("actorName"),
      requestId: sql.placeholder("requestId"),
      recordType: sql.placeholder("recordType"),
      recordId: sql.placeholder("recordId"),
      action: sql.placeholder("action"),
      // Encoded here: the column's own encoder would store a missing snapshot as JSON null, not NULL.
      before: sql`${sql.placeholder("before")}::jsonb`,
      after: sql`${sql.placeholder("after")}::jsonb`,
    }),
  );
  await insert.execute({
    partnershipId: entry.partnershipId,
    actorUserId: entry.actor.userId,
    actorName: entry.actor.name,
    requestId: entry.requestId ?? null,
    recordType: entry.recordType,
    recordId: entry.recordId,
    action: entry.action,
    before: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
    after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
  });
}

/** One change as people read it: which fields changed, from what, to what. */
export interface HistoryEntry {
  id: number;
  occurredAt: Date;
  actorName: string;
  action: string;
  changes: { field: string; from: unknown; to: unknown }[];
}

/** The fields whose values differ between two snapshots, in a stable order. */
export function diffSnapshots(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => k !== "version" && k !== "id");
  return keys
    .filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null))
    .map((field) => ({ field, from: before?.[field] ?? null, to: after?.[field] ?? null }));
}

/** A record's history, newest first. */
export async function listHistory(db: Executor, partnershipId: string, recordType: string, recordId: string, limit = 200): Promise<HistoryEntry[]> {
  const rows: AuditEventRow[] = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.partnershipId, partnershipId), eq(auditEvents.recordType, recordType), eq(auditEvents.recordId, recordId)))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    occurredAt: r.occurredAt,
    actorName: r.actorName,
    action: r.action,
    changes: diffSnapshots(r.before ?? null, r.after ?? null),
  }));
}

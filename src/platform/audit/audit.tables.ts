import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { partnershipIdColumn } from "../db/columns.ts";

/**
 * The audit trail: append-only. A trigger (see the migration) rejects UPDATE and DELETE,
 * so nothing in the app can rewrite history.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    partnershipId: partnershipIdColumn(),
    id: bigint({ mode: "number" }).generatedAlwaysAsIdentity(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid(),
    /** Display name of the actor when the event was recorded ("System" for seeds and the CLI). */
    actorName: text().notNull(),
    recordType: text().notNull(),
    recordId: uuid().notNull(),
    action: text().notNull(),
    before: jsonb().$type<Record<string, unknown> | null>(),
    after: jsonb().$type<Record<string, unknown> | null>(),
    requestId: text(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    index("audit_events_record_idx").on(t.partnershipId, t.recordType, t.recordId, t.id),
  ],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;

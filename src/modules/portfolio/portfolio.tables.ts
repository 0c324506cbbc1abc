import { sql } from "drizzle-orm";
import { check, foreignKey, index, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { idColumn, partnershipIdColumn, timestampsColumns } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { decisions } from "../decisions/decisions.tables.ts";
import { workstreams } from "../workstreams/workstreams.tables.ts";
import { plans } from "../plans/plans.tables.ts";
import { milestones } from "../milestones/milestones.tables.ts";
import { risks } from "../risks/risks.tables.ts";

export const DECISION_EFFECT_KINDS = ["approves_plan", "changes_budget", "changes_milestone", "changes_risk"] as const;
export type DecisionEffectKind = (typeof DECISION_EFFECT_KINDS)[number];
export const decisionEffectKindEnum = pgEnum("decision_effect_kind", DECISION_EFFECT_KINDS);

/**
 * What a decision did to the programme: approved a plan (and its budget), changed a budget,
 * a milestone or a risk. Read both ways: on the decision, and in the workstream's trail.
 */
export const decisionEffects = pgTable(
  "decision_effects",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    decisionId: uuid().notNull(),
    workstreamId: uuid().notNull(),
    kind: decisionEffectKindEnum().notNull(),
    planId: uuid(),
    milestoneId: uuid(),
    riskId: uuid(),
    /** What changed, in words: "Forecast moved from 31 May to 30 June 2018". */
    note: text().notNull().default(""),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.decisionId], foreignColumns: [decisions.partnershipId, decisions.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.workstreamId], foreignColumns: [workstreams.partnershipId, workstreams.id] }),
    foreignKey({ columns: [t.partnershipId, t.planId], foreignColumns: [plans.partnershipId, plans.id] }),
    foreignKey({ columns: [t.partnershipId, t.milestoneId], foreignColumns: [milestones.partnershipId, milestones.id] }),
    foreignKey({ columns: [t.partnershipId, t.riskId], foreignColumns: [risks.partnershipId, risks.id] }),
    index("decision_effects_decision_idx").on(t.partnershipId, t.decisionId),
    index("decision_effects_workstream_idx").on(t.partnershipId, t.workstreamId),
    check(
      "decision_effects_target",
      sql`(${t.kind} in ('approves_plan', 'changes_budget') and ${t.planId} is not null)
       or (${t.kind} = 'changes_milestone' and ${t.milestoneId} is not null)
       or (${t.kind} = 'changes_risk' and ${t.riskId} is not null)`,
    ),
  ],
);

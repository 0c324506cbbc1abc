import type { Principal } from "../../platform/auth/principal.ts";
import type { HistoryEntry } from "../../platform/audit/audit.ts";
import { highlightReportsPolicy } from "./highlight-reports.policy.ts";
import type { HighlightReportView } from "./highlight-reports.repository.ts";
import type { ReportOutput } from "./highlight-reports.schema.ts";

/**
 * The API view of a report. Reports reach here already filtered by what the viewer may see; the
 * public does not see who submitted or reviewed it, nor the programme office's note.
 */
export function presentReport(r: HighlightReportView, viewer: Principal): ReportOutput {
  const internal = highlightReportsPolicy.seeReviewDetails(viewer);
  return {
    id: r.id,
    workstream: { id: r.workstream.id, slug: r.workstream.slug, name: r.workstream.name },
    month: r.month,
    status: r.status,
    overall: { rag: r.overallRag, reason: r.overallReason },
    schedule: { rag: r.scheduleRag, reason: r.scheduleReason },
    finance: { rag: r.financeRag, reason: r.financeReason },
    risk: { rag: r.riskRag, reason: r.riskReason },
    achievements: r.achievements,
    nextPeriod: r.nextPeriod,
    milestonesDue: r.milestonesDue,
    escalations: r.escalations,
    isExample: r.isExample,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    submittedByName: internal ? r.submittedByName : null,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewedByName: internal ? r.reviewedByName : null,
    reviewNote: internal ? r.reviewNote : null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Field names as the history section shows them. */
export const REPORT_HISTORY_LABELS: Record<string, string> = {
  status: "Status",
  overallRag: "Overall rating",
  overallReason: "Overall reason",
  scheduleRag: "Schedule rating",
  scheduleReason: "Schedule reason",
  financeRag: "Finance rating",
  financeReason: "Finance reason",
  riskRag: "Risk rating",
  riskReason: "Risk reason",
  achievements: "Achievements this period",
  nextPeriod: "Plans for next period",
  milestonesDue: "Milestones due",
  escalations: "Escalations to the board",
  submittedAt: "Submitted",
  submittedByName: "Submitted by",
  reviewedAt: "Reviewed",
  reviewedByName: "Reviewed by",
  reviewNote: "Programme office note",
  createdAt: "Created",
  updatedAt: "Last changed",
  month: "Month",
  workstreamId: "Workstream",
  partnershipId: "Partnership",
  isExample: "Example",
};

/** History entries without the bookkeeping fields nobody needs to read. */
export function readableHistory(entries: HistoryEntry[]): HistoryEntry[] {
  const hidden = new Set(["updatedAt", "createdAt", "partnershipId", "workstreamId", "isExample", "submittedAt", "reviewedAt"]);
  const verbs: Record<string, string> = { submit: "Submitted for review", review: "Reviewed", return: "Returned to the lead" };
  return entries.map((e) => ({ ...e, action: verbs[e.action] ?? e.action, changes: e.changes.filter((c) => !hidden.has(c.field)) }));
}

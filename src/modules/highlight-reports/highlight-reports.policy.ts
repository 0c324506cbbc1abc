import { hasRole, isInsider, mayWriteAs, type Principal } from "../../platform/auth/principal.ts";
import { PORTFOLIO_MANAGERS, mayGovernPortfolio, maySeeWorkstream, seesUnpublishedPortfolio } from "../workstreams/portfolio-access.ts";
import type { HighlightReportView, ReportVisibility } from "./highlight-reports.repository.ts";
import type { HighlightReportStatus } from "./highlight-reports.tables.ts";

/** Roles that may change some workstream's records (contributors only their own; see portfolio-access.ts). */
const PORTFOLIO_EDITORS = ["admin", "secretary", "contributor"] as const;

/**
 * Who may see and change highlight reports, on top of workstreams/portfolio-access.ts:
 * - insiders see every report, drafts included; the public sees reviewed reports of published
 *   workstreams, and nothing of the review (who, the note);
 * - the workstream's contributors (and the programme office) draft, edit and submit while the
 *   report is a draft or returned (assertMayEditWorkstream, checked in the service);
 * - the programme office (mayGovernPortfolio) reviews a submitted report or returns it with a note.
 */
export const highlightReportsPolicy = {
  visibility: (p: Principal): ReportVisibility => ({ publicOnly: !seesUnpublishedPortfolio(p) }),

  view: (p: Principal, r: Pick<HighlightReportView, "status" | "workstream">): boolean =>
    seesUnpublishedPortfolio(p) || (r.status === "reviewed" && maySeeWorkstream(p, r.workstream)),

  /** Could change some report: checked before any lookup, so the public and read-only tokens are refused outright. */
  writeAny: (p: Principal): boolean => mayWriteAs(p, PORTFOLIO_EDITORS),

  /** Reviews or returns submitted reports. */
  review: (p: Principal): boolean => mayGovernPortfolio(p),
  showReviewControls: (p: Principal): boolean => hasRole(p, PORTFOLIO_MANAGERS),

  /** Who submitted and reviewed, and the programme office's note, are internal. */
  seeReviewDetails: (p: Principal): boolean => isInsider(p),
  viewHistory: (p: Principal): boolean => isInsider(p),
  /** The programme office's overview of this month's reports. */
  viewOverview: (p: Principal): boolean => isInsider(p),
};

/** The lead edits a report only while it is a draft or has been returned. */
export function isEditableStatus(status: HighlightReportStatus): boolean {
  return status === "draft" || status === "returned";
}

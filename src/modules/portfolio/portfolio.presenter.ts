import { formatPence } from "../../platform/money.ts";
import { formatLondonDate } from "../../platform/time.ts";
import { RAG_LABELS } from "../highlight-reports/highlight-reports.rules.ts";
import { MILESTONE_STATUS_LABELS } from "../milestones/milestones.schema.ts";
import { ISSUE_PRIORITY_LABELS } from "../risks/risks.schema.ts";
import { BAND_LABELS } from "../risks/scoring.ts";
import { CONTRIBUTION_LABELS } from "../workstreams/workstreams.schema.ts";
import type { DecisionEffectKind } from "./portfolio.tables.ts";
import type { DecisionEffectView, DeepDive } from "./portfolio.service.ts";

export const EFFECT_KIND_LABELS: Record<DecisionEffectKind, string> = {
  approves_plan: "Approved a plan and its budget",
  changes_budget: "Changed a budget",
  changes_milestone: "Changed a milestone",
  changes_risk: "Changed a risk",
};

/** The deep dive as the API gives it (dates as ISO strings). */
export function presentDeepDive(d: DeepDive) {
  return { ...d, meeting: { ...d.meeting, startsAt: d.meeting.startsAt.toISOString() } };
}

export function presentDecisionEffect(e: DecisionEffectView) {
  return { ...e, recordedAt: e.recordedAt.toISOString() };
}

/** "15 days late", "on time", "3 days early". */
export function slippageText(days: number): string {
  if (days === 0) return "on time";
  const n = Math.abs(days);
  return `${n} day${n === 1 ? "" : "s"} ${days > 0 ? "late" : "early"}`;
}

const dateText = (iso: string | null) => (iso ? formatLondonDate(new Date(`${iso}T12:00:00Z`)) : "no date");

/**
 * The deep dive as headed sections of plain lines, for the board pack's PDF (board-packs module:
 * `sections` of a pack item). The same content, in the same order, as the page section.
 */
export function deepDiveSections(d: DeepDive): { heading: string; lines: string[] }[] {
  const none = (list: readonly unknown[], text: string) => (list.length === 0 ? [text] : []);
  const sections: { heading: string; lines: string[] }[] = [];
  sections.push({
    heading: `Deep dive: ${d.workstream.name}, as at ${dateText(d.asOf)}`,
    lines: [
      ...(d.workstream.sro ? [`Senior responsible owner: ${d.workstream.sro.name}`] : []),
      ...(d.progress
        ? [
            `Latest highlight report (${d.progress.month.slice(0, 7)}): overall ${d.progress.overallRag ? RAG_LABELS[d.progress.overallRag] : "not rated"}${d.progress.overallReason ? ` – ${d.progress.overallReason}` : ""}`,
            ...(d.progress.achievements ? [`Progress: ${d.progress.achievements}`] : []),
          ]
        : []),
    ],
  });
  sections.push({
    heading: "Milestones achieved",
    lines: [
      ...d.milestonesAchieved.map((m) => `${m.title} – achieved ${dateText(m.actualOn)} (${slippageText(m.slippageDays)})`),
      ...none(d.milestonesAchieved, "None by this date."),
    ],
  });
  sections.push({
    heading: "Milestones to come",
    lines: [
      ...d.milestonesUpcoming.map(
        (m) =>
          `${m.title} – ${m.forecastOn ? `forecast ${dateText(m.forecastOn)}` : `baseline ${dateText(m.baselineOn)}`}, ${MILESTONE_STATUS_LABELS[m.status].toLowerCase()} (${slippageText(m.slippageDays)})`,
      ),
      ...none(d.milestonesUpcoming, "None."),
    ],
  });
  sections.push({
    heading: "Products delivered",
    lines: [...d.productsDelivered.map((p) => `${p.title} – delivered ${dateText(p.deliveredOn)}`), ...none(d.productsDelivered, "None by this date.")],
  });
  if (d.productsPlanned.length > 0)
    sections.push({
      heading: "Products to come",
      lines: d.productsPlanned.map((p) => `${p.title}${p.plannedOn ? ` – planned ${dateText(p.plannedOn)}` : ""}`),
    });
  sections.push({
    heading: "Key risks and how they are managed",
    lines: [
      ...d.keyRisks.flatMap((r) => [
        `R${r.reference} ${r.title} – score ${r.score.score} (${BAND_LABELS[r.score.band]}), target ${r.target.score} (${BAND_LABELS[r.target.band]})`,
        ...(r.controls ? [`  Controls: ${r.controls}`] : []),
        ...(r.assurances ? [`  Assurances: ${r.assurances}`] : []),
        ...r.actions.map((a) => `  Action: ${a.description} (${a.ownerName}${a.dueOn ? `, due ${dateText(a.dueOn)}` : ""})`),
      ]),
      ...none(d.keyRisks, "No open risks."),
      ...(d.otherOpenRisks > 0 ? [`And ${d.otherOpenRisks} other open risk${d.otherOpenRisks === 1 ? "" : "s"}.`] : []),
    ],
  });
  sections.push({
    heading: "Issues",
    lines: [
      ...d.issues.map((i) => `I${i.reference} ${i.title} – ${ISSUE_PRIORITY_LABELS[i.priority]} priority${i.impact ? `: ${i.impact}` : ""}`),
      ...none(d.issues, "No open issues."),
    ],
  });
  const b = d.budget;
  sections.push({
    heading: b ? `Budget against the ${b.financialYearLabel} plan` : "Budget against plan",
    lines: b
      ? [
          `Planned to date: ${formatPence(b.plannedToDatePence)}; actual to date: ${formatPence(b.actualToDatePence)}; variance to date: ${formatPence(b.varianceToDatePence)}`,
          `Full-year plan: ${formatPence(b.fullYearPlannedPence)}; forecast outturn: ${formatPence(b.forecastOutturnPence)}; variance: ${formatPence(b.variancePence)}`,
        ]
      : ["No plan for this financial year."],
  });
  sections.push({
    heading: "Contribution to the objectives",
    lines: d.contributions.map((c) => `${c.objectiveTitle}: ${CONTRIBUTION_LABELS[c.level]}${c.rationale ? ` – ${c.rationale}` : ""}`),
  });
  return sections;
}

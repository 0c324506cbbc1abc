import { formatPence } from "../../platform/money.ts";
import { addCalendarDays, daysBetween } from "../../platform/time.ts";
import { bandOf, type Band, type BandThresholds } from "../risks/scoring.ts";
import type { Rag } from "./highlight-reports.tables.ts";

/**
 * How Quorum drafts a highlight report from live data, as pure functions: the page "How Quorum
 * suggested these" prints RULES_EXPLAINED, and the unit tests pin each rule with exact figures.
 * Nothing here reads the database or the clock; the service gathers the facts and passes them in.
 */

export const RAG_LABELS: Record<Rag, string> = { red: "Red", amber: "Amber", green: "Green" };
const RAG_RANK: Record<Rag, number> = { green: 0, amber: 1, red: 2 };

/** A rating with the sentence that justifies it. */
export interface RagSuggestion {
  rag: Rag;
  reason: string;
}

/** What the drafting needs to know of a milestone (see milestones.tables.ts). */
export interface MilestoneFact {
  id: string;
  title: string;
  baselineOn: string;
  forecastOn: string | null;
  actualOn: string | null;
  status: "not_started" | "on_track" | "at_risk" | "late" | "complete";
}

/** What the drafting needs to know of a product. */
export interface ProductFact {
  id: string;
  title: string;
  status: "planned" | "delivered";
  deliveredOn: string | null;
}

/** The current plan's budget for the financial year of the month reported on (integer pence). */
export interface FinanceFact {
  financialYear: number;
  plannedPence: number;
  forecastOutturnPence: number;
}

/** What the drafting needs to know of a risk on the workstream's register. */
export interface RiskFact {
  reference: number;
  title: string;
  status: "open" | "closed" | "occurred";
  currentLikelihood: number;
  currentConsequence: number;
}

/** The partnership's bands on the 5×5 matrix (NHS defaults 4, 8, 15). */
export type RiskBands = BandThresholds;
type RiskBand = Band;

// ---------------------------------------------------------------------------------------------
// Months

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2018-03-01" → "March 2018". */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-");
  return `${MONTH_NAMES[Number(m) - 1] ?? ""} ${y ?? ""}`;
}

/** The first day of the month after `month` (both YYYY-MM-01). */
export function nextMonthOf(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/** The last day of the month (YYYY-MM-DD). */
export function lastDayOf(month: string): string {
  return addCalendarDays(nextMonthOf(month), -1);
}

/** The financial year (April–March) a month falls in, named by the year it starts: March 2018 is in 2017/18 → 2017. */
export function financialYearOf(month: string): number {
  const y = Number(month.slice(0, 4));
  return Number(month.slice(5, 7)) >= 4 ? y : y - 1;
}

/** 2018 → "2018/19". */
export function financialYearLabel(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, "0")}`;
}

const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const longDate = (iso: string) => dayFormat.format(new Date(`${iso}T00:00:00Z`));

// ---------------------------------------------------------------------------------------------
// Milestones

/** Forecast or actual against baseline, in whole days; positive = late (the milestones module's definition). */
export function slippageOf(m: Pick<MilestoneFact, "baselineOn" | "forecastOn" | "actualOn">): number {
  return daysBetween(m.baselineOn, m.actualOn ?? m.forecastOn ?? m.baselineOn);
}

const dueOn = (m: MilestoneFact) => m.forecastOn ?? m.baselineOn;

/** A late milestone and by how many days. */
export interface LateMilestone {
  milestone: MilestoneFact;
  daysLate: number;
}

/**
 * Milestones late as of `asOf`: marked late, or not complete with their forecast (else baseline)
 * date before `asOf`. Days late = the greater of the slippage (forecast against baseline) and the
 * days from the baseline date to `asOf`, never below 0. Most late first.
 */
export function lateMilestones(milestones: readonly MilestoneFact[], asOf: string): LateMilestone[] {
  return milestones
    .filter((m) => m.status !== "complete" && (m.status === "late" || dueOn(m) < asOf))
    .map((m) => ({ milestone: m, daysLate: Math.max(0, slippageOf(m), daysBetween(m.baselineOn, asOf)) }))
    .sort((a, b) => b.daysLate - a.daysLate || a.milestone.title.localeCompare(b.milestone.title));
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const daysText = (n: number) => plural(n, "day", "days");
const lateList = (late: readonly LateMilestone[]) => late.map((l) => `${l.milestone.title} (${daysText(l.daysLate)} late)`).join("; ");

/** Schedule: green if no milestone is late, amber if any is late by 30 days or fewer, red if any is more than 30 days late. */
export function suggestSchedule(late: readonly LateMilestone[]): RagSuggestion {
  if (late.length === 0) return { rag: "green", reason: "No milestones are late." };
  const over = late.filter((l) => l.daysLate > 30);
  if (over.length === 0) {
    return { rag: "amber", reason: `${plural(late.length, "milestone is", "milestones are")} late, none by more than 30 days: ${lateList(late)}.` };
  }
  const rest = late.filter((l) => l.daysLate <= 30);
  const also = rest.length > 0 ? ` Also late: ${lateList(rest)}.` : "";
  return { rag: "red", reason: `${plural(over.length, "milestone is", "milestones are")} more than 30 days late: ${lateList(over)}.${also}` };
}

// ---------------------------------------------------------------------------------------------
// Finance

/** |part| / whole as a percentage with one decimal, by integer arithmetic: (300000, 10000000) → "3.0%". */
export function percentText(part: number, whole: number): string {
  if (whole === 0) return "";
  const tenths = (BigInt(Math.abs(part)) * 2000n + BigInt(Math.abs(whole))) / (2n * BigInt(Math.abs(whole)));
  return `${tenths / 10n}.${tenths % 10n}%`;
}

/**
 * Finance, from the current plan's forecast outturn against its planned total for the year:
 * green when the variance is within ±2% of planned, amber within ±5%, red beyond. Exact: compared
 * as |variance| × 100 ≤ 2 × planned in integers. With nothing planned, any forecast spend is red.
 * Null when there is no current plan for the year (the lead rates it).
 */
export function suggestFinance(finance: FinanceFact | null): RagSuggestion | null {
  if (!finance) return null;
  const { plannedPence: planned, forecastOutturnPence: forecast } = finance;
  const variance = forecast - planned;
  const year = financialYearLabel(finance.financialYear);
  const head = `Forecast outturn for ${year} is ${formatPence(forecast)} against ${formatPence(planned)} planned`;
  if (variance === 0) return { rag: "green", reason: `${head}: on plan.` };
  const direction = variance > 0 ? "over" : "under";
  const abs = BigInt(Math.abs(variance));
  const base = BigInt(planned);
  if (planned <= 0) return { rag: "red", reason: `${head}: ${formatPence(Math.abs(variance))} ${direction} plan with no budget planned.` };
  const detail = `${head}: ${formatPence(Math.abs(variance))} (${percentText(variance, planned)}) ${direction} plan`;
  if (abs * 100n <= 2n * base) return { rag: "green", reason: `${detail}, within 2%.` };
  if (abs * 100n <= 5n * base) return { rag: "amber", reason: `${detail}, more than 2% but within 5%.` };
  return { rag: "red", reason: `${detail}, more than 5%.` };
}

// ---------------------------------------------------------------------------------------------
// Risk

/** Risk, from the highest current band among open risks: extreme → red, high → amber, otherwise green. */
export function suggestRisk(risks: readonly RiskFact[], bands: RiskBands): RagSuggestion {
  const open = risks
    .filter((r) => r.status === "open")
    .map((r) => {
      const score = r.currentLikelihood * r.currentConsequence;
      return { risk: r, score, band: bandOf(score, bands) };
    })
    .sort((a, b) => b.score - a.score || a.risk.reference - b.risk.reference);
  const top = open[0];
  if (!top) return { rag: "green", reason: "No open risks." };
  const named = (band: RiskBand) =>
    open
      .filter((o) => o.band === band)
      .map((o) => `R${o.risk.reference} ${o.risk.title} (score ${o.score})`)
      .join("; ");
  if (top.band === "extreme") return { rag: "red", reason: `Open risks in the extreme band (score ${bands.extremeFrom} or more): ${named("extreme")}.` };
  if (top.band === "high")
    return { rag: "amber", reason: `Open risks in the high band (score ${bands.highFrom} to ${bands.extremeFrom - 1}): ${named("high")}.` };
  return {
    rag: "green",
    reason: `No open risk is high or extreme; the highest is ${top.band}: R${top.risk.reference} ${top.risk.title} (score ${top.score}).`,
  };
}

// ---------------------------------------------------------------------------------------------
// Overall

/** The worse of two ratings. */
export function worstRag(a: Rag, b: Rag): Rag {
  return RAG_RANK[b] > RAG_RANK[a] ? b : a;
}

/** Overall: the worst of schedule, finance and risk (finance left out when there is no plan to judge it by). */
export function suggestOverall(schedule: RagSuggestion, finance: RagSuggestion | null, risk: RagSuggestion): RagSuggestion {
  const parts: [string, RagSuggestion][] = [["schedule", schedule], ...(finance ? [["finance", finance] as [string, RagSuggestion]] : []), ["risk", risk]];
  const rag = parts.reduce<Rag>((worst, [, s]) => worstRag(worst, s.rag), "green");
  const listed = parts.map(([name, s]) => `${name} ${s.rag}`);
  const joined = listed.length === 3 ? `${listed[0]}, ${listed[1]} and ${listed[2]}` : `${listed[0]} and ${listed[1]}`;
  const worstOnes = parts.filter(([, s]) => s.rag === rag).map(([name]) => name);
  const because = rag === "green" ? "all are green" : `${worstOnes.join(" and ")} ${worstOnes.length === 1 ? "is" : "are"} ${rag}`;
  const noFinance = finance ? "" : " Finance is not rated: there is no current plan for the year.";
  return { rag, reason: `The worst of ${joined}: ${because}.${noFinance}` };
}

// ---------------------------------------------------------------------------------------------
// The whole draft

/** Everything the service gathers for one workstream and month. */
export interface DraftFacts {
  /** The first day of the month reported on. */
  month: string;
  /** The day lateness is judged on: the last day of the month, or today if that is earlier. */
  asOf: string;
  milestones: readonly MilestoneFact[];
  products: readonly ProductFact[];
  finance: FinanceFact | null;
  risks: readonly RiskFact[];
  bands: RiskBands;
}

/** The drafted report: texts and suggested ratings, each with its reason. */
export interface DraftedReport {
  achievements: string;
  nextPeriod: string;
  milestonesDue: string;
  schedule: RagSuggestion;
  finance: RagSuggestion | null;
  risk: RagSuggestion;
  overall: RagSuggestion;
}

const inRange = (date: string | null, from: string, to: string) => date !== null && date >= from && date <= to;
const bullet = (lines: string[]) => lines.map((l) => `- ${l}`).join("\n");

/**
 * Drafts a report from live data:
 * - achievements: milestones completed in the month (actual date in it) and products delivered in it;
 * - next period: milestones not complete whose forecast (else baseline) date falls next month;
 * - milestones due: those not complete due this month, then the late ones with their slippage;
 * - the four ratings by suggestSchedule, suggestFinance, suggestRisk and suggestOverall.
 */
export function draftReport(facts: DraftFacts): DraftedReport {
  const start = facts.month;
  const end = lastDayOf(start);
  const nextStart = nextMonthOf(start);
  const nextEnd = lastDayOf(nextStart);
  const byDate =
    <T>(date: (t: T) => string) =>
    (a: T, b: T) =>
      date(a).localeCompare(date(b));

  const completed = facts.milestones.filter((m) => inRange(m.actualOn, start, end)).sort(byDate((m) => m.actualOn ?? ""));
  const delivered = facts.products.filter((p) => p.status === "delivered" && inRange(p.deliveredOn, start, end)).sort(byDate((p) => p.deliveredOn ?? ""));
  const achievements = bullet([
    ...completed.map((m) => `Milestone completed on ${longDate(m.actualOn!)}: ${m.title}`),
    ...delivered.map((p) => `Product delivered on ${longDate(p.deliveredOn!)}: ${p.title}`),
  ]);

  const late = lateMilestones(facts.milestones, facts.asOf);
  const lateIds = new Set(late.map((l) => l.milestone.id));
  const open = facts.milestones.filter((m) => m.status !== "complete" && m.actualOn === null);
  const next = open.filter((m) => !lateIds.has(m.id) && inRange(dueOn(m), nextStart, nextEnd)).sort(byDate(dueOn));
  const dueNow = open.filter((m) => !lateIds.has(m.id) && inRange(dueOn(m), start, end)).sort(byDate(dueOn));

  const nextPeriod = bullet(next.map((m) => `${m.title}: due ${longDate(dueOn(m))}`));
  const milestonesDue = bullet([
    ...dueNow.map((m) => `${m.title}: due ${longDate(dueOn(m))}`),
    ...late.map(
      (l) =>
        `${l.milestone.title}: late by ${daysText(l.daysLate)} (baseline ${longDate(l.milestone.baselineOn)}${l.milestone.forecastOn ? `, forecast ${longDate(l.milestone.forecastOn)}` : ""})`,
    ),
  ]);

  const schedule = suggestSchedule(late);
  const finance = suggestFinance(facts.finance);
  const risk = suggestRisk(facts.risks, facts.bands);
  return { achievements, nextPeriod, milestonesDue, schedule, finance, risk, overall: suggestOverall(schedule, finance, risk) };
}

/** The rules in words, for the report page's "How Quorum suggested these". */
export const RULES_EXPLAINED: readonly { heading: string; text: string }[] = [
  {
    heading: "Schedule",
    text: "Green if no milestone is late; amber if any milestone is late by 30 days or fewer; red if any is more than 30 days late. A milestone is late when it is marked late, or is not complete and its forecast date (or baseline date, if there is no forecast) has passed by the end of the month. Days late are the greater of its slippage (forecast against baseline) and the days since its baseline date.",
  },
  {
    heading: "Finance",
    text: "From the current plan for the financial year: the forecast outturn (actual spend where entered, else forecast, else planned, month by month) against the planned total. Green within 2% of planned either way, amber within 5%, red beyond. Not suggested when there is no current plan for the year.",
  },
  {
    heading: "Risk",
    text: "From the highest current score among the workstream's open risks: red if any is in the extreme band, amber if any is in the high band, otherwise green.",
  },
  { heading: "Overall", text: "The worst of schedule, finance and risk." },
  {
    heading: "Texts",
    text: "Achievements list the milestones completed and products delivered in the month; plans for next period list the milestones due next month; milestones due list those due this month and those that are late, with their slippage. Escalations to the board are left for the lead to write.",
  },
];

import slugify from "slugify";
import type { AgendaItemKind } from "../meetings/meetings.tables.ts";

/**
 * Drafting a board update from the record, in the manner of the public "Programme Board update"
 * the board office writes after each meeting: who met and when, what the board received updates
 * on, then one section per public agenda item with its public summary, who presented, and what
 * was decided. Pure: the service gathers the record (Part I only) and hands it here.
 */

/** One public agenda item as the draft needs it. */
export interface DraftItem {
  title: string;
  kind: AgendaItemKind;
  presenters: { name: string; roleLabel: string | null }[];
  /** The minutes' public summary (Markdown); never the discussion record. */
  publicSummary: string;
  /** The item's decisions, in the order they were minuted. */
  decisions: { text: string }[];
}

/** Everything a draft is written from. */
export interface DraftRecord {
  body: { name: string; shortName: string | null };
  /** The meeting's calendar date in England, YYYY-MM-DD. */
  meetingDate: string;
  /** Public items, in agenda order. */
  items: DraftItem[];
}

/** Standing items that open a meeting: left out of an update unless the minutes say something public about them. */
export const PROCEDURAL_KINDS: readonly AgendaItemKind[] = [
  "welcome_and_apologies",
  "declarations_of_interest",
  "minutes_of_last_meeting",
  "matters_arising",
  "any_other_business",
];

/** Items the opening sentence lists as summary updates the board received. */
const UPDATE_KINDS: readonly AgendaItemKind[] = ["update", "for_noting"];

const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "2018-03-05" → "5 March 2018". */
export function formatMeetingDate(isoDate: string): string {
  return longDate.format(new Date(`${isoDate}T00:00:00Z`));
}

/** How the update refers to the body after its first mention: "The Board", "The Committee". */
export function bodyNoun(name: string): string {
  const words = name.match(/\b(Board|Committee|Group|Forum|Panel|Council|Partnership|Network|Assembly)\b/g);
  return words ? `The ${words[words.length - 1]}` : "The meeting";
}

/** The default title: "Programme Board update, 5 March 2018". */
export function updateTitle(body: { name: string; shortName: string | null }, meetingDate: string): string {
  return `${body.shortName ?? body.name} update, ${formatMeetingDate(meetingDate)}`;
}

/** A readable URL segment from a title: "programme-board-update-5-march-2018". */
export function slugOf(title: string): string {
  return slugify(title, { lower: true, strict: true, locale: "en", trim: true }).slice(0, 100).replace(/-+$/, "") || "update";
}

/** The first free slug: the base, else base-2, base-3, … */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** "A", "A and B", "A, B and C". */
function listOf(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** The topic of an update item: "Local care – update" → "local care"; a title with a proper name keeps its capitals. */
function topicOf(title: string): string {
  const stripped = title.replace(/\s*[–—-]\s*update$/i, "").trim() || title;
  // Lower-case the first letter only when no later word has a capital (a common noun phrase, not a name).
  const [first, ...rest] = stripped.split(/\s+/);
  const plain = first !== undefined && /^[A-Z][a-z]+$/.test(first) && rest.every((w) => !/[A-Z]/.test(w));
  return plain ? stripped[0]!.toLowerCase() + stripped.slice(1) : stripped;
}

/**
 * A summary as Markdown: bullets written as "•" or "*" become Markdown list items, a list is
 * separated from the paragraph before it, and runs of blank lines collapse.
 */
export function summaryMarkdown(summary: string): string {
  const lines = summary.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const bullet = /^[-•*]\s*(.*)$/.exec(line);
    if (bullet && line !== "-" && line !== "*") {
      const prev = out[out.length - 1];
      if (prev !== undefined && prev !== "" && !prev.startsWith("- ")) out.push("");
      out.push(`- ${bullet[1]!.trim()}`);
    } else if (line === "") {
      if (out.length > 0 && out[out.length - 1] !== "") out.push("");
    } else {
      const prev = out[out.length - 1];
      if (prev?.startsWith("- ")) out.push("");
      out.push(line);
    }
  }
  while (out[out.length - 1] === "") out.pop();
  return out.join("\n");
}

/**
 * The sentence naming who presented, with their roles ("Glenn Douglas, STP Chief Executive and
 * Chair of the Programme Board, presented this item."), unless the summary already names them all.
 */
function presentersSentence(item: DraftItem): string | null {
  if (item.presenters.length === 0) return null;
  if (item.presenters.every((p) => item.publicSummary.includes(p.name))) return null;
  const phrases = item.presenters.map((p) => (p.roleLabel?.trim() ? `${p.name}, ${p.roleLabel.trim()}` : p.name));
  const anyRole = item.presenters.some((p) => p.roleLabel?.trim());
  const last = item.presenters[item.presenters.length - 1]!;
  const who = phrases.length === 1 ? phrases[0]! : `${phrases.slice(0, -1).join(", ")}${anyRole ? ", and " : " and "}${phrases[phrases.length - 1]!}`;
  return `${who}${last.roleLabel?.trim() ? "," : ""} presented this item.`;
}

const DECISION_VERB = /^(?:[A-Z][a-z]+ed|Gave|Took|Made|Set|Sent|Agreed|Approved)\b/;

/** The item's decisions: "The Board:" and a list when every decision opens with its verb, else a list as minuted. */
function decisionsMarkdown(item: DraftItem, noun: string): string | null {
  if (item.decisions.length === 0) return null;
  const texts = item.decisions.map((d) => d.text.trim()).filter(Boolean);
  if (texts.length === 0) return null;
  if (texts.every((t) => DECISION_VERB.test(t))) {
    const lowered = texts.map((t) => t[0]!.toLowerCase() + t.slice(1));
    if (lowered.length === 1) return `${noun} ${lowered[0]!}`;
    return `${noun}:\n\n${lowered.map((t) => `- ${t}`).join("\n")}`;
  }
  return `Decisions:\n\n${texts.map((t) => `- ${t}`).join("\n")}`;
}

/** Whether an item belongs in the update: it has something public to say, and is not a standing item without a summary. */
function reportable(item: DraftItem): boolean {
  const hasSummary = item.publicSummary.trim().length > 0;
  if (PROCEDURAL_KINDS.includes(item.kind)) return hasSummary;
  return hasSummary || item.decisions.length > 0;
}

/** The Markdown draft of a board update for a held meeting. */
export function draftMarkdown(record: DraftRecord): string {
  const noun = bodyNoun(record.body.name);
  const items = record.items.filter(reportable);
  const opening = [`The ${record.body.name} met on ${formatMeetingDate(record.meetingDate)}.`];
  const updates = items.filter((i) => UPDATE_KINDS.includes(i.kind)).map((i) => topicOf(i.title));
  if (updates.length > 0) opening.push(`${noun} received summary updates on the progress being made in several areas, including: ${listOf(updates)}.`);

  const sections = items.map((item) => {
    const parts = [`## ${item.title.trim()}`];
    const presenters = presentersSentence(item);
    if (presenters) parts.push(presenters);
    const summary = summaryMarkdown(item.publicSummary);
    if (summary) parts.push(summary);
    const decided = decisionsMarkdown(item, noun);
    if (decided) parts.push(decided);
    return parts.join("\n\n");
  });
  return `${[opening.join(" "), ...sections].join("\n\n")}\n`;
}

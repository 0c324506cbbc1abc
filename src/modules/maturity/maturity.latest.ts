/**
 * The maturity heat map's arithmetic, kept pure so the figures can be pinned by unit tests.
 *
 * For each subject (an organisation, or a named area such as "Whitstable vanguard") and each
 * dimension of the framework:
 * - the latest rating is the one given by the subject's most recent assessment *that rated that
 *   dimension* (an assessment made before a dimension was added does not blank the cell: it falls
 *   back to the latest assessment that did rate it, and the cell says which date it is from);
 * - the previous rating is the same dimension's rating in the nearest earlier assessment of that
 *   subject that rated it;
 * - the change is the difference in rank (latest − previous): positive = more mature, 0 = no
 *   change, null = "new" (no earlier rating of that dimension for that subject).
 *
 * Assessments are ordered by date, then by when they were recorded, then by id, so two
 * assessments on the same day have a stable order (the later-recorded one counts as latest).
 */

export interface LevelRef {
  id: string;
  rank: number;
  title: string;
}

export interface DimensionRef {
  id: string;
  title: string;
}

/** One assessment as the computation needs it. */
export interface AssessmentForRatings {
  id: string;
  organisationId: string | null;
  areaName: string | null;
  /** The subject's display name: the organisation's name or the area name. */
  subjectName: string;
  assessedOn: string;
  createdAt: Date;
  ratings: readonly { dimensionId: string; levelId: string }[];
  /** Demo data: example figures, marked as such wherever they are shown. */
  isExample?: boolean | undefined;
}

export interface RatingRef {
  levelId: string;
  levelTitle: string;
  rank: number;
  assessmentId: string;
  assessedOn: string;
}

/** One cell of the heat map. */
export interface LatestCell {
  dimensionId: string;
  latest: RatingRef;
  previous: RatingRef | null;
  /** latest.rank − previous.rank; null when there is no previous rating ("new"). */
  change: number | null;
  /** True when the rating comes from an assessment older than the subject's latest one (the latest did not rate this dimension). */
  fromEarlierAssessment: boolean;
}

export interface SubjectRatings {
  /** "organisation:<id>" or "area:<lower-cased, trimmed name>". */
  key: string;
  organisationId: string | null;
  areaName: string | null;
  name: string;
  latestAssessmentId: string;
  latestAssessedOn: string;
  assessmentCount: number;
  /** True when any of the subject's assessments is example (demo) data. */
  isExample: boolean;
  /** One entry per dimension, in the framework's order; null where the subject has never been rated on it. */
  cells: (LatestCell | null)[];
}

export interface LevelCount {
  levelId: string;
  title: string;
  rank: number;
  count: number;
}

export interface LatestRatings {
  subjects: SubjectRatings[];
  /** How many of the latest ratings are at each level, least mature first. */
  counts: LevelCount[];
  /** The number of latest ratings (filled cells). */
  total: number;
}

/** The key that identifies an assessment's subject; area names match whatever their case and spacing. */
export function subjectKey(a: { organisationId: string | null; areaName: string | null }): string {
  if (a.organisationId) return `organisation:${a.organisationId}`;
  return `area:${(a.areaName ?? "").trim().replace(/\s+/g, " ").toLowerCase()}`;
}

function chronological(a: AssessmentForRatings, b: AssessmentForRatings): number {
  if (a.assessedOn !== b.assessedOn) return a.assessedOn < b.assessedOn ? -1 : 1;
  const t = a.createdAt.getTime() - b.createdAt.getTime();
  if (t !== 0) return t;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Latest rating and change since the previous assessment, per subject × dimension. */
export function computeLatestRatings(
  dimensions: readonly DimensionRef[],
  levels: readonly LevelRef[],
  assessments: readonly AssessmentForRatings[],
): LatestRatings {
  const levelById = new Map(levels.map((l) => [l.id, l]));
  const bySubject = new Map<string, AssessmentForRatings[]>();
  for (const a of assessments) {
    const key = subjectKey(a);
    const list = bySubject.get(key);
    if (list) list.push(a);
    else bySubject.set(key, [a]);
  }

  const subjects: SubjectRatings[] = [];
  for (const [key, list] of bySubject) {
    const ordered = [...list].sort(chronological);
    const newest = ordered[ordered.length - 1]!;
    const cells = dimensions.map((d): LatestCell | null => {
      // The subject's ratings of this dimension, oldest first.
      const history: RatingRef[] = [];
      for (const a of ordered) {
        const r = a.ratings.find((x) => x.dimensionId === d.id);
        const level = r ? levelById.get(r.levelId) : undefined;
        if (r && level) history.push({ levelId: level.id, levelTitle: level.title, rank: level.rank, assessmentId: a.id, assessedOn: a.assessedOn });
      }
      const latest = history[history.length - 1];
      if (!latest) return null;
      const previous = history[history.length - 2] ?? null;
      return {
        dimensionId: d.id,
        latest,
        previous,
        change: previous ? latest.rank - previous.rank : null,
        fromEarlierAssessment: latest.assessmentId !== newest.id,
      };
    });
    subjects.push({
      key,
      organisationId: newest.organisationId,
      areaName: newest.organisationId ? null : (newest.areaName?.trim() ?? null),
      name: newest.subjectName,
      latestAssessmentId: newest.id,
      latestAssessedOn: newest.assessedOn,
      assessmentCount: ordered.length,
      isExample: ordered.some((a) => a.isExample === true),
      cells,
    });
  }
  subjects.sort((a, b) => a.name.localeCompare(b.name, "en-GB", { sensitivity: "base" }) || (a.key < b.key ? -1 : 1));

  const counts = [...levels].sort((a, b) => a.rank - b.rank).map((l) => ({ levelId: l.id, title: l.title, rank: l.rank, count: 0 }));
  const countById = new Map(counts.map((c) => [c.levelId, c]));
  let total = 0;
  for (const s of subjects)
    for (const c of s.cells) {
      if (!c) continue;
      total += 1;
      const entry = countById.get(c.latest.levelId);
      if (entry) entry.count += 1;
    }
  return { subjects, counts, total };
}

/** The change as people read it: "▲ 1 from Emerging", "▼ 2 from Maturing", "no change" or "new". */
export function changeLabel(cell: Pick<LatestCell, "change" | "previous">): string {
  if (cell.change === null || !cell.previous) return "new";
  if (cell.change === 0) return "no change";
  const arrow = cell.change > 0 ? "▲" : "▼";
  return `${arrow} ${Math.abs(cell.change)} from ${cell.previous.levelTitle}`;
}

/** The change for screen readers, without arrows: "up 1 from Emerging". */
export function changeText(cell: Pick<LatestCell, "change" | "previous">): string {
  if (cell.change === null || !cell.previous) return "new";
  if (cell.change === 0) return "no change";
  return `${cell.change > 0 ? "up" : "down"} ${Math.abs(cell.change)} from ${cell.previous.levelTitle}`;
}

/** "9 of 12 ratings are Emerging" (or "1 of 12 ratings is Emerging"). */
export function countSentence(count: LevelCount, total: number): string {
  return `${count.count} of ${total} ${total === 1 ? "rating" : "ratings"} ${count.count === 1 || total === 1 ? "is" : "are"} ${count.title}`;
}

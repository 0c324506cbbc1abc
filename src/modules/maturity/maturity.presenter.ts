import type { z } from "zod";
import type { Principal } from "../../platform/auth/principal.ts";
import { changeLabel, type LatestRatings } from "./maturity.latest.ts";
import { maturityPolicy } from "./maturity.policy.ts";
import type { FrameworkView } from "./maturity.repository.ts";
import type { AssessmentDetail, FrameworkDetail } from "./maturity.service.ts";
import { descriptorKey } from "./maturity.service.ts";
import type { assessmentOutput, frameworkDetailOutput, frameworkOutput } from "./maturity.schema.ts";

/** The labels of a framework's and an assessment's fields in their history. */
export const MATURITY_HISTORY_LABELS: Record<string, string> = {
  title: "Title",
  description: "Description",
  workstreamId: "Workstream",
  published: "Published",
  dimensions: "Dimensions",
  levels: "Levels",
  organisationId: "Organisation",
  areaName: "Area",
  assessedOn: "Date",
  assessorName: "Assessor",
  assessorPersonId: "Assessor (person)",
  method: "Method",
  notes: "Notes",
  ratings: "Ratings",
  isExample: "Example",
  createdAt: "Created",
  updatedAt: "Updated",
  frameworkId: "Framework",
  partnershipId: "Partnership",
};

/** The workstream to name beside a framework: only one this viewer may see. */
export function visibleWorkstream(f: FrameworkView, p: Principal): { id: string; name: string } | null {
  return f.workstream && maturityPolicy.showWorkstream(p, f.workstream) ? { id: f.workstream.id, name: f.workstream.name } : null;
}

export function presentFramework(f: FrameworkView, p: Principal): z.input<typeof frameworkOutput> {
  return {
    id: f.id,
    title: f.title,
    description: f.description,
    workstream: visibleWorkstream(f, p),
    published: f.published,
    version: f.version,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}

export function presentLatestRatings(latest: LatestRatings): z.input<typeof frameworkDetailOutput>["latestRatings"] {
  return {
    subjects: latest.subjects.map((s) => ({
      organisationId: s.organisationId,
      areaName: s.areaName,
      name: s.name,
      latestAssessmentId: s.latestAssessmentId,
      latestAssessedOn: s.latestAssessedOn,
      assessmentCount: s.assessmentCount,
      isExample: s.isExample,
      ratings: s.cells.flatMap((c) => (c ? [{ ...c, changeLabel: changeLabel(c) }] : [])),
    })),
    counts: latest.counts,
    total: latest.total,
  };
}

export function presentFrameworkDetail(d: FrameworkDetail, latest: LatestRatings, p: Principal): z.input<typeof frameworkDetailOutput> {
  return {
    ...presentFramework(d.framework, p),
    levels: d.levels.map((l) => ({ id: l.id, rank: l.rank, title: l.title })),
    dimensions: d.dimensions.map((dim) => ({
      id: dim.id,
      position: dim.position,
      title: dim.title,
      description: dim.description,
      descriptors: d.levels.flatMap((l) => {
        const text = d.descriptors.get(descriptorKey(dim.id, l.id));
        return text ? [{ levelId: l.id, text }] : [];
      }),
    })),
    latestRatings: presentLatestRatings(latest),
  };
}

export function presentAssessment(a: AssessmentDetail): z.input<typeof assessmentOutput> {
  const x = a.assessment;
  return {
    id: x.id,
    frameworkId: x.frameworkId,
    organisation: x.organisationId ? { id: x.organisationId, name: x.organisationName ?? "" } : null,
    areaName: x.areaName,
    subjectName: a.subjectName,
    assessedOn: x.assessedOn,
    assessorName: x.assessorName,
    assessorPersonId: x.assessorPersonId,
    method: x.method,
    notes: x.notes,
    isExample: x.isExample,
    ratings: a.ratings,
    version: x.version,
    createdAt: x.createdAt.toISOString(),
    updatedAt: x.updatedAt.toISOString(),
  };
}

import type { WorkstreamRow } from "./workstreams.repository.ts";
import type { TrailDecision, TrailItem, WorkstreamDetail, WorkstreamListEntry } from "./workstreams.service.ts";
import type { WorkstreamOutput } from "./workstreams.schema.ts";

/**
 * The API views of workstreams and their trail. Rows reach here already filtered by what the
 * viewer may see: unpublished workstreams only for insiders (portfolio-access.ts), decisions and
 * agenda items through the decisions and meetings services (Part II only for those entitled).
 */
export function presentWorkstreamSummary(w: WorkstreamListEntry) {
  return {
    id: w.id,
    slug: w.slug,
    name: w.name,
    status: w.status,
    published: w.published,
    archived: w.archivedAt !== null,
    sro: w.sro,
    overseeingBody: w.overseeingBody,
  };
}

export function presentWorkstream(d: WorkstreamDetail): WorkstreamOutput {
  const w = d.workstream;
  return {
    ...presentWorkstreamSummary({ ...w, sro: d.sro, overseeingBody: d.overseeingBody }),
    description: w.description,
    leads: d.leads,
    organisations: d.organisations,
    contributions: d.contributions,
    version: w.version,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

/** The newer workstream a stale write met (only managers, who may see it, ever write). */
export function presentWorkstreamConflict(current: WorkstreamRow) {
  return {
    id: current.id,
    slug: current.slug,
    name: current.name,
    status: current.status,
    published: current.published,
    archived: current.archivedAt !== null,
    version: current.version,
    updatedAt: current.updatedAt.toISOString(),
  };
}

export function presentTrailDecision(t: TrailDecision) {
  const r = t.record;
  return {
    id: r.decision.id,
    text: r.decision.text,
    kind: r.decision.kind,
    status: r.decision.status,
    decidedOn: r.decision.decidedOn,
    body: { id: r.body.id, name: r.body.name },
    meeting: { id: r.meeting.id, title: r.meeting.title, startsAt: r.meeting.startsAt.toISOString() },
    agendaItem: { id: r.item.id, title: r.item.title },
    linkedBy: t.linkedBy,
    effects: t.effects,
  };
}

export function presentTrailItem(t: TrailItem) {
  return {
    id: t.item.id,
    title: t.item.title,
    kind: t.item.kind,
    meeting: {
      id: t.meeting.id,
      title: t.meeting.title,
      startsAt: t.meeting.startsAt.toISOString(),
      body: { id: t.meeting.body.id, name: t.meeting.body.name },
    },
  };
}

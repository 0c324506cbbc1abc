import type { RequestContext } from "../../platform/http/context.ts";
import type { Confidentiality, MeetingStatus, MinutesStatus } from "../meetings/meetings.tables.ts";

/** What attendance and minutes need of a meeting (the meetings service's `get` returns at least this). */
export interface MeetingRef {
  id: string;
  bodyId: string;
  title: string | null;
  startsAt: Date;
  status: MeetingStatus;
  agendaPublishedAt: Date | null;
  minutesStatus: MinutesStatus | null;
  minutesApprovedByDecisionId: string | null;
  body: { id: string; name: string; shortName: string | null };
}

/** What attendance and minutes need of an agenda item (the meetings service's `listItems` returns at least this). */
export interface MeetingItemRef {
  id: string;
  number: string;
  title: string;
  confidentiality: Confidentiality;
}

/**
 * The part of the meetings service that attendance and minutes consume, named here so that both
 * depend on what they use (and tests may pass a partial service) rather than on all of it.
 */
export interface MeetingsPort {
  /** The meeting if the viewer may see it; NotFound otherwise. */
  get(ctx: RequestContext, meetingId: string): Promise<MeetingRef>;
  /** The viewer's visible items, in agenda order, numbered. */
  listItems(ctx: RequestContext, meetingId: string): Promise<MeetingItemRef[]>;
}

/**
 * The public updates of the two demo Programme Board meetings, drafted from their record exactly
 * as the board office would (the board-updates module's drafting, from the Part I record only)
 * and published. The publication dates (two days after each meeting) are example data.
 */
import { and, eq } from "drizzle-orm";
import type { Database, Executor } from "../src/platform/db/client.ts";
import type { RequestContext } from "../src/platform/http/context.ts";
import { addCalendarDays, londonDate, londonDateTime } from "../src/platform/time.ts";
import { partnerships } from "../src/modules/partnerships/partnerships.tables.ts";
import { meetingsService } from "../src/modules/meetings/meetings.service.ts";
import { minutesService } from "../src/modules/minutes/minutes.service.ts";
import { forwardPlanService } from "../src/modules/forward-plan/forward-plan.service.ts";
import { decisionsService } from "../src/modules/decisions/decisions.service.ts";
import { boardUpdatesService } from "../src/modules/board-updates/board-updates.service.ts";
import { slugOf, updateTitle } from "../src/modules/board-updates/board-updates.draft.ts";
import { boardUpdateVersions } from "../src/modules/board-updates/board-updates.tables.ts";
import { createBoardUpdate } from "../tests/factories/index.ts";

const PUBLISHED_BY = "Kent and Medway STP board office (example)";

/** Drafts and publishes the update of each demo meeting; returns the updates' ids. */
export async function seedDemoBoardUpdates(
  tx: Executor,
  partnershipId: string,
  meetingIds: { decemberId: string; marchId: string },
): Promise<{ decemberUpdateId: string; marchUpdateId: string }> {
  const [partnership] = await tx.select().from(partnerships).where(eq(partnerships.id, partnershipId));
  if (!partnership) throw new Error(`No partnership ${partnershipId}`);
  // Drafting reads through the owning modules' services, on this transaction. The reader is a
  // read-only insider: drafting itself narrows any reader to the Part I record.
  const db = tx as unknown as Database;
  const meetings = meetingsService({ db });
  const minutes = minutesService({ db, meetings });
  const decisions = decisionsService({ db, forwardPlan: forwardPlanService({ db, meetings }) });
  const boardUpdates = boardUpdatesService({ db, meetings, minutes, decisions });
  const ctx: RequestContext = {
    partnership,
    principal: { kind: "user", userId: "00000000-0000-0000-0000-000000000000", name: PUBLISHED_BY, email: "", role: "viewer", via: "session", scope: "read" },
    requestId: "seed-board-updates",
  };

  async function publishFor(meetingId: string): Promise<string> {
    const meeting = await meetings.get(ctx, meetingId);
    const date = londonDate(meeting.startsAt);
    const title = updateTitle(meeting.body, date);
    const publishedAt = londonDateTime(addCalendarDays(date, 2), "12:00");
    const row = await createBoardUpdate(tx, partnershipId, {
      meetingId,
      bodyId: meeting.bodyId,
      slug: slugOf(title),
      title,
      markdown: await boardUpdates.draftMarkdown(ctx, meetingId),
      status: "published",
      firstPublishedAt: publishedAt,
    });
    await tx
      .update(boardUpdateVersions)
      .set({ publishedAt, publishedByName: PUBLISHED_BY })
      .where(and(eq(boardUpdateVersions.partnershipId, partnershipId), eq(boardUpdateVersions.boardUpdateId, row.id)));
    return row.id;
  }

  return { decemberUpdateId: await publishFor(meetingIds.decemberId), marchUpdateId: await publishFor(meetingIds.marchId) };
}

import { and, eq } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { Forbidden, NotFound } from "../../platform/http/errors.ts";
import { hasRole, isInsider, mayWriteAs, type Principal } from "../../platform/auth/principal.ts";
import { workstreamContributors, workstreams } from "./workstreams.tables.ts";

/**
 * The one place that says who may see and change the programme portfolio (workstreams and their
 * plans, budgets, milestones, products, highlight reports, risks, issues and maturity ratings).
 *
 * Reading:
 * - Insiders (any role) see everything in the portfolio, drafts included.
 * - The public sees a workstream only when it is published (and not archived), and within it only
 *   what is meant for the public: approved plans and their budgets, milestones, delivered products,
 *   reviewed highlight reports, and risks and issues individually marked published. Portfolio-level
 *   risks and issues (no workstream) follow their own published flag. Maturity frameworks and their
 *   assessments follow the framework's published flag. Anything the public may not see is a 404.
 *
 * Writing:
 * - Admins and the programme office (secretary) may change anything in the portfolio.
 * - A contributor (workstream lead) may change the records of the workstreams they are assigned to
 *   (workstream_contributors), with a write-scoped session or token; nothing else.
 * - Members and viewers read only. Approving plans and reviewing highlight reports is for admins
 *   and the secretary alone (mayGovernPortfolio).
 */
export const PORTFOLIO_MANAGERS = ["admin", "secretary"] as const;

/** Admins and the programme office: create workstreams, approve plans, review reports, assign contributors. */
export function mayGovernPortfolio(principal: Principal): boolean {
  return mayWriteAs(principal, PORTFOLIO_MANAGERS);
}

/** True when the principal sees unpublished portfolio records. */
export function seesUnpublishedPortfolio(principal: Principal): boolean {
  return isInsider(principal);
}

/** The public sees a workstream when it is published and not archived. */
export function maySeeWorkstream(principal: Principal, workstream: { published: boolean; archivedAt: Date | null }): boolean {
  return isInsider(principal) || (workstream.published && workstream.archivedAt === null);
}

/**
 * True when the principal may change the given workstream's records. Needs the database only for
 * contributors (one indexed lookup).
 */
export async function mayEditWorkstream(db: Executor, ctx: RequestContext, workstreamId: string): Promise<boolean> {
  if (mayGovernPortfolio(ctx.principal)) return true;
  const p = ctx.principal;
  if (p.kind !== "user" || !hasRole(p, ["contributor"]) || p.scope !== "write") return false;
  const rows = await db
    .select({ userId: workstreamContributors.userId })
    .from(workstreamContributors)
    .where(
      and(
        eq(workstreamContributors.partnershipId, ctx.partnership.id),
        eq(workstreamContributors.workstreamId, workstreamId),
        eq(workstreamContributors.userId, p.userId),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Throws Forbidden (or NotFound when the workstream is not visible at all) unless the principal may edit it. */
export async function assertMayEditWorkstream(db: Executor, ctx: RequestContext, workstreamId: string): Promise<void> {
  if (await mayEditWorkstream(db, ctx, workstreamId)) return;
  const [ws] = await db
    .select({ published: workstreams.published, archivedAt: workstreams.archivedAt })
    .from(workstreams)
    .where(and(eq(workstreams.partnershipId, ctx.partnership.id), eq(workstreams.id, workstreamId)))
    .limit(1);
  if (!ws || !maySeeWorkstream(ctx.principal, ws)) throw new NotFound("Workstream not found");
  throw new Forbidden("You may not change this workstream's records");
}

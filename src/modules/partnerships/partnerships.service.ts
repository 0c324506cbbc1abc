import type { Database } from "../../platform/db/client.ts";
import { auditSnapshot, recordAudit } from "../../platform/audit/audit.ts";
import { actorOf, type RequestContext } from "../../platform/http/context.ts";
import { Conflict, Forbidden, ServiceUnavailable } from "../../platform/http/errors.ts";
import { hasRole } from "../../platform/auth/principal.ts";
import { partnershipsRepository } from "./partnerships.repository.ts";
import type { PartnershipRow } from "./partnerships.tables.ts";

const CACHE_MS = 5_000;

/** Resolves which partnership a request is for and manages the partnership's settings and objectives. */
export function partnershipsService(deps: { db: Database; defaultPartnershipSlug?: string | undefined }) {
  const repo = partnershipsRepository(deps.db);
  // Every request resolves its partnership; a short cache keeps that off the database without
  // letting a renamed partnership look stale for long on other instances.
  const cache = new Map<string, { row: PartnershipRow; at: number }>();

  async function resolveDefault(): Promise<PartnershipRow | undefined> {
    if (deps.defaultPartnershipSlug) return repo.findBySlug(deps.defaultPartnershipSlug);
    return repo.findFirst();
  }

  return {
    /** The partnership served on this host name: the one that claims it, else the default. */
    async resolveForHost(hostname: string): Promise<PartnershipRow> {
      const key = hostname.toLowerCase();
      const hit = cache.get(key);
      if (hit && Date.now() - hit.at < CACHE_MS) return hit.row;
      const row = (await repo.findByHostname(key)) ?? (await resolveDefault());
      if (!row) throw new ServiceUnavailable("Quorum has no partnership yet. Run `npm run cli -- seed` to load the demo partnership.");
      cache.set(key, { row, at: Date.now() });
      return row;
    },
    async findById(id: string): Promise<PartnershipRow | undefined> {
      return repo.findById(id);
    },
    listObjectives: (ctx: RequestContext) => repo.listObjectives(ctx.partnership.id),

    /** Renames the partnership or changes its financial year; admins only; stale versions are refused. */
    async updateSettings(ctx: RequestContext, version: number, values: { name: string; shortName: string; financialYearStartMonth: number }) {
      if (!hasRole(ctx.principal, ["admin"])) throw new Forbidden();
      return deps.db.transaction(async (tx) => {
        const r = partnershipsRepository(tx);
        const before = await r.findById(ctx.partnership.id);
        const row = await r.update(ctx.partnership.id, version, values);
        if (!row) throw new Conflict(undefined, before);
        await recordAudit(tx, {
          partnershipId: row.id,
          actor: actorOf(ctx),
          requestId: ctx.requestId,
          recordType: "partnership",
          recordId: row.id,
          action: "update",
          before: before ? auditSnapshot(before) : null,
          after: auditSnapshot(row),
        });
        cache.clear();
        return row;
      });
    },

    /** Replaces the list of objectives: edits in place, adds new ones, archives removed ones. */
    async saveObjectives(ctx: RequestContext, objectives: { id?: string | undefined; title: string; description: string }[]) {
      if (!hasRole(ctx.principal, ["admin"])) throw new Forbidden();
      await deps.db.transaction(async (tx) => {
        const r = partnershipsRepository(tx);
        const existing = await r.listObjectives(ctx.partnership.id);
        const keep = new Set(objectives.map((o) => o.id).filter(Boolean));
        for (const old of existing) {
          if (!keep.has(old.id)) {
            await r.updateObjective(ctx.partnership.id, old.id, { archivedAt: new Date() });
            await recordAudit(tx, { partnershipId: ctx.partnership.id, actor: actorOf(ctx), requestId: ctx.requestId, recordType: "partnership_objective", recordId: old.id, action: "archive", before: auditSnapshot(old) });
          }
        }
        for (const [position, o] of objectives.entries()) {
          const old = existing.find((e) => e.id === o.id);
          if (old) {
            if (old.title === o.title && old.description === o.description && old.position === position) continue;
            const row = await r.updateObjective(ctx.partnership.id, old.id, { title: o.title, description: o.description, position });
            await recordAudit(tx, { partnershipId: ctx.partnership.id, actor: actorOf(ctx), requestId: ctx.requestId, recordType: "partnership_objective", recordId: old.id, action: "update", before: auditSnapshot(old), after: row ? auditSnapshot(row) : null });
          } else {
            const row = await r.insertObjective({ partnershipId: ctx.partnership.id, title: o.title, description: o.description, position });
            await recordAudit(tx, { partnershipId: ctx.partnership.id, actor: actorOf(ctx), requestId: ctx.requestId, recordType: "partnership_objective", recordId: row.id, action: "create", after: auditSnapshot(row) });
          }
        }
      });
    },
    clearCache: () => cache.clear(),
  };
}

export type PartnershipsService = ReturnType<typeof partnershipsService>;

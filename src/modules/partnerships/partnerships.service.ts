import type { Database, Executor } from "../../platform/db/client.ts";
import { auditSnapshot, recordAudit } from "../../platform/audit/audit.ts";
import { actorOf, type RequestContext } from "../../platform/http/context.ts";
import { Conflict, Forbidden, ServiceUnavailable } from "../../platform/http/errors.ts";
import { partnershipsPolicy } from "./partnerships.policy.ts";
import { partnershipsRepository } from "./partnerships.repository.ts";
import type { PartnershipRow } from "./partnerships.tables.ts";

const CACHE_MS = 5_000;

export interface SettingsValues {
  name: string;
  shortName: string;
  financialYearStartMonth: number;
}

export interface ObjectiveInput {
  /** An existing objective's id; absent for a new one. */
  id?: string | undefined;
  title: string;
  description: string;
}


const SETTINGS_FIELDS = ["name", "shortName", "financialYearStartMonth"] as const;

/** Writes the partnership's details if `version` is current (409 otherwise), auditing what changed. */
async function writeSettings(tx: Executor, ctx: RequestContext, version: number, values: SettingsValues): Promise<PartnershipRow> {
  const r = partnershipsRepository(tx);
  const before = await r.findById(ctx.partnership.id);
  // The version always moves on, even when only the objectives changed, so that it guards them too.
  const row = await r.update(ctx.partnership.id, version, values);
  if (!row) throw new Conflict(undefined, before);
  if (!before || SETTINGS_FIELDS.some((f) => before[f] !== row[f])) {
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
  }
  return row;
}

/** Replaces the list of objectives: edits in place, adds new ones, archives removed ones, each audited. */
async function writeObjectives(tx: Executor, ctx: RequestContext, objectives: ObjectiveInput[]): Promise<void> {
  const r = partnershipsRepository(tx);
  const audit = { partnershipId: ctx.partnership.id, actor: actorOf(ctx), requestId: ctx.requestId, recordType: "partnership_objective" };
  const existing = await r.listObjectives(ctx.partnership.id);
  const keep = new Set(objectives.map((o) => o.id).filter(Boolean));
  for (const old of existing) {
    if (!keep.has(old.id)) {
      await r.updateObjective(ctx.partnership.id, old.id, { archivedAt: new Date() });
      await recordAudit(tx, { ...audit, recordId: old.id, action: "archive", before: auditSnapshot(old) });
    }
  }
  for (const [position, o] of objectives.entries()) {
    const old = existing.find((e) => e.id === o.id);
    if (old) {
      if (old.title === o.title && old.description === o.description && old.position === position) continue;
      const row = await r.updateObjective(ctx.partnership.id, old.id, { title: o.title, description: o.description, position });
      await recordAudit(tx, { ...audit, recordId: old.id, action: "update", before: auditSnapshot(old), after: row ? auditSnapshot(row) : null });
    } else {
      // An id that is not one of this partnership's current objectives is treated as a new objective.
      const row = await r.insertObjective({ partnershipId: ctx.partnership.id, title: o.title, description: o.description, position });
      await recordAudit(tx, { ...audit, recordId: row.id, action: "create", after: auditSnapshot(row) });
    }
  }
}

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
    /** A partnership read afresh from the database (not the host cache), e.g. for an edit form. */
    async findById(id: string): Promise<PartnershipRow | undefined> {
      return repo.findById(id);
    },
    /** The partnership's current objectives, in order. */
    listObjectives: (ctx: RequestContext) => repo.listObjectives(ctx.partnership.id),

    /** Renames the partnership or changes its financial year; admins with write access only; stale versions are refused. */
    async updateSettings(ctx: RequestContext, version: number, values: SettingsValues) {
      if (!partnershipsPolicy.manageSettings(ctx.principal)) throw new Forbidden();
      const row = await deps.db.transaction(async (tx) => writeSettings(tx, ctx, version, values));
      cache.clear();
      return row;
    },

    /** Replaces the list of objectives: edits in place, adds new ones, archives removed ones. */
    async saveObjectives(ctx: RequestContext, objectives: ObjectiveInput[]) {
      if (!partnershipsPolicy.manageSettings(ctx.principal)) throw new Forbidden();
      await deps.db.transaction(async (tx) => writeObjectives(tx, ctx, objectives));
    },

    /**
     * Saves the settings page in one transaction: the partnership's details and its objectives.
     * The partnership's version guards both, so two administrators editing the objectives at once
     * cannot silently overwrite each other: the second gets 409 and nothing of theirs is written.
     */
    async saveSettings(ctx: RequestContext, version: number, values: SettingsValues, objectives: ObjectiveInput[]) {
      if (!partnershipsPolicy.manageSettings(ctx.principal)) throw new Forbidden();
      const row = await deps.db.transaction(async (tx) => {
        const updated = await writeSettings(tx, ctx, version, values);
        await writeObjectives(tx, ctx, objectives);
        return updated;
      });
      cache.clear();
      return row;
    },

    /** Forgets cached partnerships, so the next request reads them afresh. */
    clearCache: () => cache.clear(),
  };
}

export type PartnershipsService = ReturnType<typeof partnershipsService>;

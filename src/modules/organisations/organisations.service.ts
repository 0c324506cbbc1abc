import type { Database } from "../../platform/db/client.ts";
import { listHistory } from "../../platform/audit/audit.ts";
import { auditedCreate, auditedUpdate } from "../../platform/audit/audited.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { Forbidden, NotFound } from "../../platform/http/errors.ts";
import { organisationsRepository, type OrganisationFilter } from "./organisations.repository.ts";
import { organisationsPolicy } from "./organisations.policy.ts";
import type { OrganisationInput } from "./organisations.schema.ts";
import type { OrganisationRow } from "./organisations.tables.ts";

export const ORGANISATION = "organisation";

/** Partner organisations: list, view, create, edit, archive, with an audit trail. */
export function organisationsService(deps: { db: Database }) {
  const repo = organisationsRepository(deps.db);

  async function get(ctx: RequestContext, id: string): Promise<OrganisationRow> {
    const row = await repo.find(ctx.partnership.id, id);
    if (!row || !organisationsPolicy.view(ctx.principal, row)) throw new NotFound("Organisation not found");
    return row;
  }

  return {
    get,
    async list(ctx: RequestContext, filter: OrganisationFilter, page: number, limit: number) {
      // The public only ever sees current organisations, whatever filter it asks for.
      const status = organisationsPolicy.seeArchived(ctx.principal) ? filter.status : "active";
      return repo.list(ctx.partnership.id, { ...filter, status }, page, limit);
    },
    /** Current organisations for pickers on other forms. */
    listForPicker: (ctx: RequestContext) => repo.listAllCurrent(ctx.partnership.id),

    async create(ctx: RequestContext, input: OrganisationInput): Promise<OrganisationRow> {
      if (!organisationsPolicy.manage(ctx.principal)) throw new Forbidden();
      return deps.db.transaction(async (tx) => auditedCreate(tx, ctx, ORGANISATION, await organisationsRepository(tx).insert({ ...input, partnershipId: ctx.partnership.id })));
    },

    async update(ctx: RequestContext, id: string, version: number, input: Partial<OrganisationInput>): Promise<OrganisationRow> {
      if (!organisationsPolicy.manage(ctx.principal)) throw new Forbidden();
      return deps.db.transaction(async (tx) => {
        const r = organisationsRepository(tx);
        return auditedUpdate(tx, ctx, {
          recordType: ORGANISATION,
          notFound: "Organisation not found",
          find: () => r.find(ctx.partnership.id, id),
          write: () => r.update(ctx.partnership.id, id, version, input),
        });
      });
    },

    /** Archives (or restores) an organisation: it leaves lists but keeps its links and history. */
    async setArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<OrganisationRow> {
      if (!organisationsPolicy.manage(ctx.principal)) throw new Forbidden();
      return deps.db.transaction(async (tx) => {
        const r = organisationsRepository(tx);
        return auditedUpdate(tx, ctx, {
          recordType: ORGANISATION,
          action: archived ? "archive" : "restore",
          notFound: "Organisation not found",
          find: () => r.find(ctx.partnership.id, id),
          write: () => r.update(ctx.partnership.id, id, version, { archivedAt: archived ? new Date() : null }),
        });
      });
    },

    async history(ctx: RequestContext, id: string) {
      if (!organisationsPolicy.viewHistory(ctx.principal)) return null;
      return listHistory(deps.db, ctx.partnership.id, ORGANISATION, id);
    },
  };
}

export type OrganisationsService = ReturnType<typeof organisationsService>;

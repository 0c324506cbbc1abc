import type { OrganisationRow } from "./organisations.tables.ts";
import type { OrganisationOutput } from "./organisations.schema.ts";

/** The API view of an organisation; nothing in an organisation is confidential. */
export function presentOrganisation(row: OrganisationRow): OrganisationOutput {
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind,
    odsCode: row.odsCode,
    active: row.active,
    isExample: row.isExample,
    archived: row.archivedAt !== null,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

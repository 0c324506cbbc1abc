import type { Principal } from "../../platform/auth/principal.ts";
import { peoplePolicy } from "./people.policy.ts";
import type { PersonOutput } from "./people.schema.ts";
import type { PersonRecord } from "./people.service.ts";

/** The view of a person for one viewer, in pages and the API alike: contact details only for insiders. */
export function presentPerson(person: PersonRecord, viewer: Principal): PersonOutput {
  return {
    id: person.id,
    name: person.name,
    jobTitle: person.jobTitle,
    organisation: person.organisation ? { id: person.organisation.id, name: person.organisation.name, archived: person.organisation.archived } : null,
    ...(peoplePolicy.seeContactDetails(viewer) ? { email: person.email, hasAccount: person.userId !== null } : {}),
    isExample: person.isExample,
    archived: person.archivedAt !== null,
    version: person.version,
    updatedAt: person.updatedAt.toISOString(),
  };
}

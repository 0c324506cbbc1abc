/**
 * One set of factories for tests and the demo partnership: each inserts a realistic record with
 * sensible defaults, overridable field by field, and records its creation in the audit trail.
 */
import { randomUUID } from "node:crypto";
import type { Executor } from "../../src/platform/db/client.ts";
import { auditSnapshot, recordAudit } from "../../src/platform/audit/audit.ts";
import { hashPassword } from "../../src/platform/auth/secrets.ts";
import { partnershipObjectives, partnerships } from "../../src/modules/partnerships/partnerships.tables.ts";
import { organisations } from "../../src/modules/organisations/organisations.tables.ts";
import { people } from "../../src/modules/people/people.tables.ts";
import { bodies, memberships, termsOfReference } from "../../src/modules/bodies/bodies.tables.ts";
import { partnershipUsers, users, type Role } from "../../src/modules/accounts/accounts.tables.ts";

const SYSTEM = { userId: null, name: "System" } as const;

async function audited<R extends { id: string }>(db: Executor, partnershipId: string, recordType: string, row: R): Promise<R> {
  await recordAudit(db, { partnershipId, actor: SYSTEM, recordType, recordId: row.id, action: "create", after: auditSnapshot(row) });
  return row;
}

const unique = () => randomUUID().slice(0, 8);

export async function createPartnership(db: Executor, overrides: Partial<typeof partnerships.$inferInsert> = {}) {
  const suffix = unique();
  const [row] = await db
    .insert(partnerships)
    .values({ slug: `partnership-${suffix}`, name: `Test Partnership ${suffix}`, shortName: `TP ${suffix}`, ...overrides })
    .returning();
  return row!;
}

/** The three Five Year Forward View gaps every STP works to close. */
export const STP_OBJECTIVES = [
  { title: "Health and wellbeing", description: "Closing the health and wellbeing gap: prevention, healthier lives, fewer inequalities." },
  { title: "Care and quality", description: "Closing the care and quality gap: the right care, in the right place, to a consistent standard." },
  { title: "Finance and efficiency", description: "Closing the finance and efficiency gap: a sustainable system within its budget." },
];

export async function createObjectives(db: Executor, partnershipId: string, objectives = STP_OBJECTIVES) {
  return db
    .insert(partnershipObjectives)
    .values(objectives.map((o, position) => ({ partnershipId, position, ...o })))
    .returning();
}

export async function createOrganisation(db: Executor, partnershipId: string, overrides: Partial<typeof organisations.$inferInsert> = {}) {
  const [row] = await db
    .insert(organisations)
    .values({ partnershipId, name: `Organisation ${unique()}`, kind: "nhs_trust", ...overrides })
    .returning();
  return audited(db, partnershipId, "organisation", row!);
}

export async function createPerson(db: Executor, partnershipId: string, overrides: Partial<typeof people.$inferInsert> = {}) {
  const [row] = await db
    .insert(people)
    .values({ partnershipId, name: `Person ${unique()}`, ...overrides })
    .returning();
  return audited(db, partnershipId, "person", row!);
}

export async function createBody(db: Executor, partnershipId: string, overrides: Partial<typeof bodies.$inferInsert> = {}) {
  const [row] = await db
    .insert(bodies)
    .values({ partnershipId, name: `Board ${unique()}`, kind: "sub_board", ...overrides })
    .returning();
  return audited(db, partnershipId, "body", row!);
}

export async function createMembership(
  db: Executor,
  partnershipId: string,
  values: Pick<typeof memberships.$inferInsert, "bodyId" | "personId"> & Partial<typeof memberships.$inferInsert>,
) {
  const [row] = await db
    .insert(memberships)
    .values({ partnershipId, role: "member", voting: true, startsOn: "2017-04-01", ...values })
    .returning();
  return audited(db, partnershipId, "membership", row!);
}

export async function createTermsOfReference(
  db: Executor,
  partnershipId: string,
  values: Pick<typeof termsOfReference.$inferInsert, "bodyId"> & Partial<typeof termsOfReference.$inferInsert>,
) {
  const [row] = await db
    .insert(termsOfReference)
    .values({ partnershipId, versionLabel: "1.0", quorumMinimumVotingMembers: 3, ...values })
    .returning();
  return audited(db, partnershipId, "terms_of_reference", row!);
}

// Hashing is deliberately slow; tests create many users, so they share one hash per password.
const hashCache = new Map<string, Promise<string>>();

export async function createUser(
  db: Executor,
  partnershipId: string,
  role: Role | null,
  overrides: { email?: string; name?: string; password?: string } = {},
) {
  const password = overrides.password ?? "correct horse battery staple";
  let passwordHash = hashCache.get(password);
  if (!passwordHash) {
    passwordHash = hashPassword(password);
    hashCache.set(password, passwordHash);
  }
  const [user] = await db
    .insert(users)
    .values({ email: overrides.email ?? `user-${unique()}@example.org`, name: overrides.name ?? `User ${unique()}`, passwordHash: await passwordHash, passwordChangedAt: new Date() })
    .returning();
  if (role) await db.insert(partnershipUsers).values({ partnershipId, userId: user!.id, role });
  return { ...user!, password, role };
}

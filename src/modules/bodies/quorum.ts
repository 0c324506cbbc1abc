import type { RepresentationRequirement, TermsOfReferenceRow } from "./bodies.tables.ts";

/**
 * A body's quorum rule, as its ratified terms of reference state it: a minimum number of voting
 * members present, and representation that must be among them.
 */
export interface QuorumRule {
  minimumVotingMembers: number;
  representation: readonly RepresentationRequirement[];
}

/** The quorum rule recorded on a version of terms of reference. */
export function quorumRuleOf(terms: Pick<TermsOfReferenceRow, "quorumMinimumVotingMembers" | "quorumRepresentation">): QuorumRule {
  return { minimumVotingMembers: terms.quorumMinimumVotingMembers, representation: terms.quorumRepresentation };
}

/** Someone present at a meeting (or at one item of it), as quorum sees them. */
export interface PresentMember {
  personId: string;
  /** False for those in attendance, advisers and others who cannot vote. */
  voting: boolean;
  /** Representation categories from the person's membership, e.g. "clinician". */
  categories: readonly string[];
  /** The kind of organisation the person comes from, e.g. "local_authority"; null if none. */
  organisationKind: string | null;
}

/** Whether a meeting is quorate, and if not, why not, in sentences a secretary can minute. */
export interface QuorumEvaluation {
  quorate: boolean;
  /** Distinct voting members present. */
  votingPresent: number;
  /** The minimum number of voting members the rule requires. */
  required: number;
  /** One sentence per unmet requirement, e.g. "Needs at least one patient representative: none present". */
  shortfalls: string[];
}

/** Normalises a representation category as stored on memberships: trimmed, lower case, hyphenated. */
export function normaliseCategory(category: string): string {
  return category.trim().toLowerCase().replace(/\s+/g, "-");
}

function countPresent(n: number): string {
  return n === 0 ? "none present" : `${n} present`;
}

function membersPhrase(n: number): string {
  return n === 1 ? "1 voting member" : `${n} voting members`;
}

/** The sentence describing what a requirement needs, e.g. "at least one clinician". */
function requirementPhrase(requirement: RepresentationRequirement): string {
  const description = requirement.description.trim();
  // Descriptions are usually written as the rule reads: "At least one clinician".
  if (/^at least\b/i.test(description)) return `${description.charAt(0).toLowerCase()}${description.slice(1)}`;
  return `at least ${membersPhrase(requirement.minimum)} for “${description}”`;
}

/** One person as quorum counts them, however many entries (seats) they were listed with. */
interface CountedPerson {
  voting: boolean;
  categories: readonly string[];
  organisationKinds: readonly string[];
}

function matches(person: Pick<CountedPerson, "categories" | "organisationKinds">, requirement: RepresentationRequirement): boolean {
  const criterion = requirement.criterion;
  switch (criterion.type) {
    case "memberCategory": {
      const wanted = normaliseCategory(criterion.category);
      return person.categories.some((c) => normaliseCategory(c) === wanted);
    }
    case "organisationKind":
      return person.organisationKinds.includes(criterion.kind);
    default:
      // Rules are stored as JSON; a criterion this version does not know can never be met.
      return false;
  }
}

/** True when a present voting member counts towards a representation requirement. */
export function meetsCriterion(member: Pick<PresentMember, "categories" | "organisationKind">, requirement: RepresentationRequirement): boolean {
  return matches({ categories: member.categories, organisationKinds: member.organisationKind ? [member.organisationKind] : [] }, requirement);
}

/**
 * Merges repeated entries for one person, so each person counts once however many seats they
 * hold: voting if any entry votes, with every category and organisation kind of every entry.
 * The result does not depend on the order of the entries.
 */
function countedPeople(present: readonly PresentMember[]): CountedPerson[] {
  const byPerson = new Map<string, { voting: boolean; categories: Set<string>; organisationKinds: Set<string> }>();
  for (const p of present) {
    let person = byPerson.get(p.personId);
    if (!person) {
      person = { voting: false, categories: new Set(), organisationKinds: new Set() };
      byPerson.set(p.personId, person);
    }
    person.voting ||= p.voting;
    for (const c of p.categories) person.categories.add(c);
    if (p.organisationKind) person.organisationKinds.add(p.organisationKind);
  }
  return [...byPerson.values()].map((p) => ({ voting: p.voting, categories: [...p.categories], organisationKinds: [...p.organisationKinds] }));
}

/**
 * Evaluates a quorum rule against those present. Only voting members count, towards the minimum
 * and towards each required representation; each person counts once. Pure: no I/O, no clock.
 */
export function evaluateQuorum(rule: QuorumRule, present: readonly PresentMember[]): QuorumEvaluation {
  if (!Number.isInteger(rule.minimumVotingMembers) || rule.minimumVotingMembers < 0) {
    throw new RangeError(`A quorum rule needs a whole, non-negative minimum number of voting members, not ${rule.minimumVotingMembers}`);
  }
  const voters = countedPeople(present).filter((p) => p.voting);
  const shortfalls: string[] = [];
  if (voters.length < rule.minimumVotingMembers) {
    shortfalls.push(`Needs at least ${membersPhrase(rule.minimumVotingMembers)} present: ${countPresent(voters.length)}`);
  }
  for (const requirement of rule.representation) {
    const count = voters.filter((v) => matches(v, requirement)).length;
    if (count < requirement.minimum) shortfalls.push(`Needs ${requirementPhrase(requirement)}: ${countPresent(count)}`);
  }
  return { quorate: shortfalls.length === 0, votingPresent: voters.length, required: rule.minimumVotingMembers, shortfalls };
}

/** The rule in one readable sentence, for body and terms-of-reference pages. */
export function describeQuorumRule(rule: QuorumRule): string {
  const base = `At least ${membersPhrase(rule.minimumVotingMembers)} present`;
  if (rule.representation.length === 0) return `${base}.`;
  return `${base}, including ${rule.representation.map(requirementPhrase).join("; ")}.`;
}

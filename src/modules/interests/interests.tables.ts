import { boolean, date, foreignKey, index, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { archivedAtColumn, idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { people } from "../people/people.tables.ts";
import { organisations } from "../organisations/organisations.tables.ts";
import { agendaItems, meetings } from "../meetings/meetings.tables.ts";

export const INTEREST_CATEGORIES = ["financial", "non_financial_professional", "non_financial_personal", "indirect"] as const;
export type InterestCategory = (typeof INTEREST_CATEGORIES)[number];

export const interestCategoryEnum = pgEnum("interest_category", INTEREST_CATEGORIES);

/** The register of interests, in NHS England's categories, naming the organisation concerned. */
export const interests = pgTable(
  "interests",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    personId: uuid().notNull(),
    category: interestCategoryEnum().notNull(),
    organisationId: uuid(),
    description: text().notNull(),
    startsOn: date(),
    endsOn: date(),
    archivedAt: archivedAtColumn(),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.personId], foreignColumns: [people.partnershipId, people.id] }),
    foreignKey({ columns: [t.partnershipId, t.organisationId], foreignColumns: [organisations.partnershipId, organisations.id] }),
    index("interests_person_idx").on(t.partnershipId, t.personId),
    index("interests_organisation_idx").on(t.partnershipId, t.organisationId),
  ],
);

/** A person's annual declaration: the date they confirmed their register entries, or a nil return. */
export const interestDeclarations = pgTable(
  "interest_declarations",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    personId: uuid().notNull(),
    declaredOn: date().notNull(),
    nilReturn: boolean().notNull().default(false),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.personId], foreignColumns: [people.partnershipId, people.id] }),
    index("interest_declarations_person_idx").on(t.partnershipId, t.personId, t.declaredOn),
  ],
);

export const DECLARATION_ACTIONS = ["none", "left_discussion", "left_decision"] as const;
export type DeclarationAction = (typeof DECLARATION_ACTIONS)[number];

export const declarationActionEnum = pgEnum("declaration_action", DECLARATION_ACTIONS);

/** An interest declared at a meeting against an item, and what was done about it. */
export const meetingDeclarations = pgTable(
  "meeting_declarations",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    meetingId: uuid().notNull(),
    agendaItemId: uuid().notNull(),
    personId: uuid().notNull(),
    interestId: uuid(),
    description: text().notNull(),
    action: declarationActionEnum().notNull().default("none"),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.meetingId], foreignColumns: [meetings.partnershipId, meetings.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.agendaItemId], foreignColumns: [agendaItems.partnershipId, agendaItems.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.personId], foreignColumns: [people.partnershipId, people.id] }),
    foreignKey({ columns: [t.partnershipId, t.interestId], foreignColumns: [interests.partnershipId, interests.id] }),
    index("meeting_declarations_item_idx").on(t.partnershipId, t.agendaItemId),
  ],
);

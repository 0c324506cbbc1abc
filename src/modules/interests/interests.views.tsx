import { Button, Checkboxes, Radios, Select, Table, Tag, Textarea } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, PageLinks, formatDate, formatDateTime, formTitle } from "../../platform/views/components.tsx";
import type { FieldErrors } from "../../platform/http/errors.ts";
import type { Principal } from "../../platform/auth/principal.ts";
import type { PersonRecord } from "../people/people.service.ts";
import { DECLARATION_ACTIONS, INTEREST_CATEGORIES } from "./interests.tables.ts";
import { DECLARATION_ACTION_LABELS, DECLARATION_ACTION_SHORT_LABELS, INTEREST_CATEGORY_LABELS, fieldIdFor } from "./interests.schema.ts";
import type { ConflictFlag, InterestDeclarationRow, InterestView, MeetingDeclarationView, MeetingRef, OverdueDeclaration } from "./interests.repository.ts";
import { isCurrent, type NumberedItem } from "./interests.service.ts";
import { visibleOrganisation } from "./interests.presenter.ts";
import { BackLink, ConflictCallout, NhsDate, dateParts } from "../../platform/views/form-fields.tsx";

type Choice = { id: string; name: string };

/** The error summary's link targets: dates focus their day, radios their first option. */
function summaryIds(errors: FieldErrors, formFallback: string): Record<string, string> {
  return Object.fromEntries(Object.keys(errors).map((k) => [k, k === "_form" ? formFallback : fieldIdFor(k)]));
}

const personInterestsHref = (personId: string) => `/people/${personId}/interests`;
const meetingDeclarationsHref = (meetingId: string) => `/meetings/${meetingId}/declarations`;

/** "From 1 April 2017 to 31 March 2018", "Since 1 April 2017", "Until …", or "Not dated". */
function period(row: { startsOn: string | null; endsOn: string | null }): string {
  if (row.startsOn && row.endsOn) return `${formatDate(row.startsOn)} to ${formatDate(row.endsOn)}`;
  if (row.startsOn) return `Since ${formatDate(row.startsOn)}`;
  if (row.endsOn) return `Until ${formatDate(row.endsOn)}`;
  return "Not dated";
}

function OrganisationCell({ row, viewer }: { row: InterestView; viewer: Principal }) {
  const org = visibleOrganisation(row, viewer);
  return org ? <a href={`/organisations/${org.id}`}>{org.name}</a> : <>None named</>;
}

function EndedTag({ row, today }: { row: InterestView; today: string }) {
  if (isCurrent(row, today)) return null;
  return row.startsOn && row.startsOn > today ? <Tag color="blue">Not started</Tag> : <Tag color="grey">Ended</Tag>;
}

// ---------------------------------------------------------------------------------------------
// The partnership's register

export function InterestRegisterPage(props: {
  ctx: ViewContext;
  rows: InterestView[];
  page: number;
  hasNext: boolean;
  query: { personId?: string | undefined; organisationId?: string | undefined; category?: string | undefined; current?: boolean };
  people: Choice[];
  organisations: Choice[];
  overdue: OverdueDeclaration[] | null;
  wholeRegister: boolean;
  today: string;
}) {
  const { ctx, rows, query } = props;
  const filtered = Boolean(query.personId || query.organisationId || query.category || query.current);
  return (
    <Layout ctx={ctx} title="Register of interests">
      <h1>Register of interests</h1>
      <p>
        The interests that people who sit on the bodies of {ctx.partnershipName} have declared, in NHS England’s categories: financial, non-financial
        professional, non-financial personal and indirect.
      </p>
      {props.wholeRegister ? null : <p>This register shows current interests of current members. It is kept by the board office.</p>}
      <form method="get" action="/interests" className="app-filter" role="search" aria-label="Filter the register">
        <Select label="Person" id="personId" name="personId" defaultValue={query.personId ?? ""}>
          <Select.Option value="">Anyone</Select.Option>
          {props.people.map((p) => (
            <Select.Option key={p.id} value={p.id}>
              {p.name}
            </Select.Option>
          ))}
        </Select>
        <Select label="Organisation" id="organisationId" name="organisationId" defaultValue={query.organisationId ?? ""}>
          <Select.Option value="">Any organisation</Select.Option>
          {props.organisations.map((o) => (
            <Select.Option key={o.id} value={o.id}>
              {o.name}
            </Select.Option>
          ))}
        </Select>
        <Select label="Category" id="category" name="category" defaultValue={query.category ?? ""}>
          <Select.Option value="">Any category</Select.Option>
          {INTEREST_CATEGORIES.map((c) => (
            <Select.Option key={c} value={c}>
              {INTEREST_CATEGORY_LABELS[c]}
            </Select.Option>
          ))}
        </Select>
        {props.wholeRegister ? (
          <Checkboxes id="current" name="current">
            <Checkboxes.Item value="true" defaultChecked={query.current === true}>
              Current interests only
            </Checkboxes.Item>
          </Checkboxes>
        ) : null}
        <Button secondary>Filter</Button>
      </form>
      {rows.length === 0 ? (
        <p>{filtered ? "No interests match these filters." : "No interests have been registered yet."}</p>
      ) : (
        <Table responsive caption="Registered interests" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Person</Table.Cell>
              <Table.Cell>Category</Table.Cell>
              <Table.Cell>Organisation</Table.Cell>
              <Table.Cell>Interest</Table.Cell>
              <Table.Cell>Dates</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((r) => (
              <Table.Row key={r.id}>
                <Table.Cell>
                  <a href={personInterestsHref(r.personId)}>{r.personName}</a>
                </Table.Cell>
                <Table.Cell>{INTEREST_CATEGORY_LABELS[r.category]}</Table.Cell>
                <Table.Cell>
                  <OrganisationCell row={r} viewer={ctx.principal} />
                </Table.Cell>
                <Table.Cell>{r.description}</Table.Cell>
                <Table.Cell>
                  {period(r)} <EndedTag row={r} today={props.today} />
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <PageLinks
        page={props.page}
        hasNext={props.hasNext}
        baseQuery={{ personId: query.personId, organisationId: query.organisationId, category: query.category, current: query.current ? "true" : undefined }}
      />
      {props.overdue ? <OverdueSection rows={props.overdue} /> : null}
    </Layout>
  );
}

function OverdueSection({ rows }: { rows: OverdueDeclaration[] }) {
  return (
    <section aria-labelledby="overdue-heading">
      <h2 id="overdue-heading">Annual declarations overdue</h2>
      <p>Members of a body who have made no annual declaration or nil return in the last 12 months.</p>
      {rows.length === 0 ? (
        <p>Everyone is up to date.</p>
      ) : (
        <Table responsive caption="People whose annual declaration is overdue" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Person</Table.Cell>
              <Table.Cell>Last declaration</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((r) => (
              <Table.Row key={r.personId}>
                <Table.Cell>
                  <a href={personInterestsHref(r.personId)}>{r.personName}</a>
                </Table.Cell>
                <Table.Cell>{r.lastDeclaredOn ? formatDate(r.lastDeclaredOn) : "Never"}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// A person's register and annual declarations

export function PersonInterestsPage(props: {
  ctx: ViewContext;
  person: PersonRecord;
  interests: InterestView[];
  declarations: InterestDeclarationRow[] | null;
  overdue: boolean;
  sitsOnABody: boolean;
  today: string;
  canManage: boolean;
  declarationValues: Record<string, string>;
  declarationErrors: FieldErrors;
}) {
  const { ctx, person, interests } = props;
  const errors = props.declarationErrors;
  const title = `Interests of ${person.name}`;
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={`/people/${person.id}`}>Back to {person.name}</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "declaredOn-day")} />
      <span className="nhsuk-caption-l">Register of interests</span>
      <h1>{title}</h1>
      {props.declarations ? (
        props.overdue ? (
          <div className="nhsuk-warning-callout">
            <h2 className="nhsuk-warning-callout__label">
              <span role="text">
                <span className="nhsuk-u-visually-hidden">Important: </span>Annual declaration overdue
              </span>
            </h2>
            <p>
              {person.name} sits on a body and has made no annual declaration or nil return in the last 12 months
              {props.declarations[0] ? ` (the last was on ${formatDate(props.declarations[0].declaredOn)})` : ""}.
            </p>
          </div>
        ) : props.declarations[0] ? (
          <p>
            Last annual declaration: {formatDate(props.declarations[0].declaredOn)}
            {props.declarations[0].nilReturn ? " (nil return)" : ""}.
          </p>
        ) : null
      ) : null}
      <h2 id="interests-heading">Registered interests</h2>
      {props.canManage ? (
        <p>
          <a className="nhsuk-button" href={`${personInterestsHref(person.id)}/new`} role="button" draggable="false">
            Add an interest
          </a>
        </p>
      ) : null}
      {interests.length === 0 ? (
        <p>
          {props.declarations || props.sitsOnABody
            ? `${person.name} has no interests on the register.`
            : `The register publishes the interests of people who sit on one of the partnership’s bodies; ${person.name} does not at present.`}
        </p>
      ) : (
        <Table responsive caption={`Interests registered by ${person.name}`} captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Category</Table.Cell>
              <Table.Cell>Organisation</Table.Cell>
              <Table.Cell>Interest</Table.Cell>
              <Table.Cell>Dates</Table.Cell>
              {props.canManage ? <Table.Cell>Change</Table.Cell> : null}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {interests.map((r) => (
              <Table.Row key={r.id}>
                <Table.Cell>{INTEREST_CATEGORY_LABELS[r.category]}</Table.Cell>
                <Table.Cell>
                  <OrganisationCell row={r} viewer={ctx.principal} />
                </Table.Cell>
                <Table.Cell>{r.description}</Table.Cell>
                <Table.Cell>
                  {period(r)} <EndedTag row={r} today={props.today} />
                </Table.Cell>
                {props.canManage ? (
                  <Table.Cell>
                    <a href={`/interests/${r.id}/edit`}>
                      Edit<span className="nhsuk-u-visually-hidden"> the {INTEREST_CATEGORY_LABELS[r.category].toLowerCase()}</span>
                    </a>
                    {r.endsOn === null || r.endsOn >= props.today ? (
                      <>
                        {" "}
                        <a href={`/interests/${r.id}/end`}>
                          End<span className="nhsuk-u-visually-hidden"> the {INTEREST_CATEGORY_LABELS[r.category].toLowerCase()}</span>
                        </a>
                      </>
                    ) : null}
                  </Table.Cell>
                ) : null}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {props.declarations ? (
        <section aria-labelledby="declarations-heading">
          <h2 id="declarations-heading">Annual declarations</h2>
          {props.declarations.length === 0 ? (
            <p>No annual declaration has been recorded.</p>
          ) : (
            <Table responsive caption={`Annual declarations of ${person.name}, newest first`} captionProps={{ className: "nhsuk-u-visually-hidden" }}>
              <Table.Head>
                <Table.Row>
                  <Table.Cell>Date</Table.Cell>
                  <Table.Cell>Kind</Table.Cell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {props.declarations.map((d) => (
                  <Table.Row key={d.id}>
                    <Table.Cell>{formatDate(d.declaredOn)}</Table.Cell>
                    <Table.Cell>{d.nilReturn ? "Nil return: no interests to declare" : "Declaration confirming the register"}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
          {props.canManage ? (
            <form method="post" action={`/people/${person.id}/interest-declarations`} noValidate>
              <CsrfField token={ctx.csrfToken} />
              <h3>Record an annual declaration</h3>
              <NhsDate name="declaredOn" legend="Date of the declaration" values={props.declarationValues} errors={errors} />
              <Radios id="kind" name="kind" legend="What did they declare?" legendProps={{ size: "s" }} error={errors.kind}>
                <Radios.Item value="declaration" defaultChecked={props.declarationValues.kind === "declaration"}>
                  A declaration confirming the interests on the register
                </Radios.Item>
                <Radios.Item value="nil_return" defaultChecked={props.declarationValues.kind === "nil_return"}>
                  A nil return: no interests to declare
                </Radios.Item>
              </Radios>
              <Button secondary>Record the declaration</Button>
            </form>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Add, edit and end an interest

export function InterestFormPage(props: {
  ctx: ViewContext;
  mode: "new" | "edit";
  person: Choice;
  interestId?: string;
  organisations: Choice[];
  values: Record<string, string>;
  errors: FieldErrors;
  conflict?: InterestView | undefined;
}) {
  const { ctx, values, errors, person } = props;
  const title = props.mode === "new" ? `Add an interest of ${person.name}` : `Edit an interest of ${person.name}`;
  const action = props.mode === "new" ? personInterestsHref(person.id) : `/interests/${props.interestId}`;
  return (
    <Layout
      ctx={ctx}
      title={formTitle(title, errors)}
      beforeContent={<BackLink href={personInterestsHref(person.id)}>Back to the interests of {person.name}</BackLink>}
    >
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "category-1")} />
      <h1>{title}</h1>
      {props.conflict ? (
        <ConflictCallout heading="Someone else changed this interest first">
          <p>
            Their version reads: {INTEREST_CATEGORY_LABELS[props.conflict.category]}
            {props.conflict.organisationName ? `, ${props.conflict.organisationName}` : ""}: “{props.conflict.description}” ({period(props.conflict)}). Your
            changes are below and have not been saved. Save again to replace their version with yours.
          </p>
        </ConflictCallout>
      ) : null}
      <form method="post" action={action} noValidate>
        <CsrfField token={ctx.csrfToken} />
        {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
        <Radios id="category" name="category" legend="Category" legendProps={{ size: "s" }} error={errors.category}>
          {INTEREST_CATEGORIES.map((c) => (
            <Radios.Item key={c} value={c} defaultChecked={values.category === c} hint={CATEGORY_HINTS[c]}>
              {INTEREST_CATEGORY_LABELS[c]}
            </Radios.Item>
          ))}
        </Radios>
        <Select
          label="Organisation (optional)"
          hint="The organisation the interest concerns; agenda items about it are then flagged"
          id="organisationId"
          name="organisationId"
          defaultValue={values.organisationId ?? ""}
          error={errors.organisationId}
        >
          <Select.Option value="">No organisation</Select.Option>
          {props.organisations.map((o) => (
            <Select.Option key={o.id} value={o.id}>
              {o.name}
            </Select.Option>
          ))}
        </Select>
        <Textarea
          label="Description"
          hint="For example, “Non-executive director” or “Spouse is a partner in a practice that holds a contract”"
          id="description"
          name="description"
          rows={3}
          defaultValue={values.description ?? ""}
          error={errors.description}
        />
        <NhsDate name="startsOn" legend="Date the interest started (optional)" values={values} errors={errors} />
        <NhsDate
          name="endsOn"
          legend="Date the interest ended (optional)"
          hint="Its last day. Leave blank while it continues."
          values={values}
          errors={errors}
        />
        <Button>{props.mode === "new" ? "Add the interest" : "Save changes"}</Button>
      </form>
    </Layout>
  );
}

const CATEGORY_HINTS: Record<(typeof INTEREST_CATEGORIES)[number], string> = {
  financial: "The person could gain financially: employment, directorships, shareholdings, contracts",
  non_financial_professional: "The person could gain professionally: advisory roles, research, professional bodies",
  non_financial_personal: "The person could benefit personally, not financially or professionally: voluntary roles, campaigns",
  indirect: "A close family member or associate has one of these interests",
};

/** The form values for an existing interest. */
export function interestFormValues(row: InterestView): Record<string, string> {
  return {
    category: row.category,
    organisationId: row.organisationId ?? "",
    description: row.description,
    ...dateParts("startsOn", row.startsOn),
    ...dateParts("endsOn", row.endsOn),
    version: String(row.version),
  };
}

export function EndInterestPage(props: { ctx: ViewContext; interest: InterestView; values: Record<string, string>; errors: FieldErrors; conflict?: boolean }) {
  const { ctx, interest, values, errors } = props;
  const title = "End an interest";
  return (
    <Layout
      ctx={ctx}
      title={formTitle(title, errors)}
      beforeContent={<BackLink href={personInterestsHref(interest.personId)}>Back to the interests of {interest.personName}</BackLink>}
    >
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "endsOn-day")} />
      <span className="nhsuk-caption-l">{interest.personName}</span>
      <h1>{title}</h1>
      {props.conflict ? (
        <ConflictCallout heading="Someone else changed this interest first">
          <p>Check the interest below before you end it.</p>
        </ConflictCallout>
      ) : null}
      <p>
        {INTEREST_CATEGORY_LABELS[interest.category]}
        {interest.organisationName ? `, ${interest.organisationName}` : ""}: {interest.description} ({period(interest)}).
      </p>
      <p>The interest stays on the register as history.</p>
      <form method="post" action={`/interests/${interest.id}/end`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? String(interest.version)} />
        <NhsDate name="endsOn" legend="Date the interest ended" hint="Its last day, for example 31 3 2018" values={values} errors={errors} />
        <Button>End the interest</Button>
      </form>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Declarations at a meeting

/** The meeting as a heading: its title or body, and its date and time. */
export function meetingTitle(meeting: MeetingRef): string {
  return `${meeting.title ?? meeting.bodyName}, ${formatDateTime(meeting.startsAt)}`;
}

const itemLabel = (item: NumberedItem) => `${item.number}. ${item.title}${item.confidentiality === "part_2" ? " (Part II)" : ""}`;

export interface DeclarationChoices {
  people: Choice[];
  interests: InterestView[];
}

export function MeetingDeclarationsPage(props: {
  ctx: ViewContext;
  meeting: MeetingRef;
  items: NumberedItem[];
  declarations: MeetingDeclarationView[];
  flags: ConflictFlag[];
  showFlags: boolean;
  outcomesPublished: boolean;
  choices: DeclarationChoices | null;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const { ctx, meeting, items, declarations, errors } = props;
  const itemById = new Map(items.map((i) => [i.id, i]));
  const byItem = new Map<string, MeetingDeclarationView[]>();
  for (const d of declarations) {
    if (!itemById.has(d.agendaItemId)) continue;
    byItem.set(d.agendaItemId, [...(byItem.get(d.agendaItemId) ?? []), d]);
  }
  const title = "Declarations of interest";
  return (
    <Layout
      ctx={ctx}
      title={formTitle(`${title}: ${meetingTitle(meeting)}`, errors)}
      beforeContent={<BackLink href={`/meetings/${meeting.id}`}>Back to the meeting</BackLink>}
    >
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "agendaItemId")} />
      <span className="nhsuk-caption-l">{meetingTitle(meeting)}</span>
      <h1>{title}</h1>
      {props.showFlags ? <FlagsSection flags={props.flags} itemById={itemById} /> : null}
      <h2 id="declarations-heading">Declarations made at the meeting</h2>
      {!props.outcomesPublished ? (
        <p>Declarations are published once the meeting has been held.</p>
      ) : byItem.size === 0 ? (
        <p>No declarations of interest have been recorded for this meeting.</p>
      ) : (
        items
          .filter((i) => byItem.has(i.id))
          .map((item) => (
            <section key={item.id} aria-labelledby={`item-${item.id}`}>
              <h3 id={`item-${item.id}`}>{itemLabel(item)}</h3>
              <Table responsive caption={`Declarations on item ${item.number}`} captionProps={{ className: "nhsuk-u-visually-hidden" }}>
                <Table.Head>
                  <Table.Row>
                    <Table.Cell>Person</Table.Cell>
                    <Table.Cell>Interest declared</Table.Cell>
                    <Table.Cell>Action taken</Table.Cell>
                    {props.choices ? <Table.Cell>Change</Table.Cell> : null}
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {(byItem.get(item.id) ?? []).map((d) => (
                    <Table.Row key={d.id}>
                      <Table.Cell>
                        <a href={personInterestsHref(d.personId)}>{d.personName}</a>
                      </Table.Cell>
                      <Table.Cell>{d.description}</Table.Cell>
                      <Table.Cell>{DECLARATION_ACTION_SHORT_LABELS[d.action]}</Table.Cell>
                      {props.choices ? (
                        <Table.Cell>
                          <a href={`${meetingDeclarationsHref(meeting.id)}/${d.id}/edit`}>
                            Edit<span className="nhsuk-u-visually-hidden"> the declaration of {d.personName}</span>
                          </a>
                        </Table.Cell>
                      ) : null}
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </section>
          ))
      )}
      {props.choices ? (
        <section aria-labelledby="add-heading">
          <h2 id="add-heading">Record a declaration</h2>
          {items.length === 0 ? (
            <p>Add items to the agenda before recording declarations against them.</p>
          ) : (
            <form method="post" action={meetingDeclarationsHref(meeting.id)} noValidate>
              <CsrfField token={ctx.csrfToken} />
              <DeclarationFields items={items} choices={props.choices} values={props.values} errors={errors} />
              <Button>Record the declaration</Button>
            </form>
          )}
        </section>
      ) : null}
    </Layout>
  );
}

function FlagsSection({ flags, itemById }: { flags: ConflictFlag[]; itemById: Map<string, NumberedItem> }) {
  const shown = flags.filter((f) => itemById.has(f.agendaItemId));
  return (
    <section aria-labelledby="flags-heading">
      <h2 id="flags-heading">Possible conflicts to consider</h2>
      <p>Members of the body whose registered interest names an organisation an agenda item concerns. Only the partnership sees these.</p>
      {shown.length === 0 ? (
        <p>No registered interest of a member names an organisation linked to an item.</p>
      ) : (
        <Table responsive caption="Possible conflicts of interest by agenda item" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Item</Table.Cell>
              <Table.Cell>Member</Table.Cell>
              <Table.Cell>Organisation</Table.Cell>
              <Table.Cell>Registered interest</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {shown.map((f) => (
              <Table.Row key={`${f.agendaItemId}-${f.personId}-${f.organisationId}-${f.description}`}>
                <Table.Cell>{itemLabel(itemById.get(f.agendaItemId)!)}</Table.Cell>
                <Table.Cell>
                  <a href={personInterestsHref(f.personId)}>{f.personName}</a>
                </Table.Cell>
                <Table.Cell>{f.organisationName}</Table.Cell>
                <Table.Cell>
                  {INTEREST_CATEGORY_LABELS[f.category]}: {f.description}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}

function DeclarationFields({
  items,
  choices,
  values,
  errors,
}: {
  items: NumberedItem[];
  choices: DeclarationChoices;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  return (
    <>
      <Select label="Agenda item" id="agendaItemId" name="agendaItemId" defaultValue={values.agendaItemId ?? ""} error={errors.agendaItemId}>
        <Select.Option value="">Select an item</Select.Option>
        {items.map((i) => (
          <Select.Option key={i.id} value={i.id}>
            {itemLabel(i)}
          </Select.Option>
        ))}
      </Select>
      <Select
        label="Person"
        hint="Members of the body and those recorded as attending"
        id="personId"
        name="personId"
        defaultValue={values.personId ?? ""}
        error={errors.personId}
      >
        <Select.Option value="">Select a person</Select.Option>
        {choices.people.map((p) => (
          <Select.Option key={p.id} value={p.id}>
            {p.name}
          </Select.Option>
        ))}
      </Select>
      <Select
        label="Registered interest (optional)"
        hint="The entry on the register this declaration is about, if there is one"
        id="interestId"
        name="interestId"
        defaultValue={values.interestId ?? ""}
        error={errors.interestId}
      >
        <Select.Option value="">None</Select.Option>
        {choices.interests.map((i) => (
          <Select.Option key={i.id} value={i.id}>
            {`${i.personName}: ${INTEREST_CATEGORY_LABELS[i.category]}${i.organisationName ? `, ${i.organisationName}` : ""} – ${i.description}`}
          </Select.Option>
        ))}
      </Select>
      <Textarea
        label="Interest declared"
        hint="As the minutes record it"
        id="description"
        name="description"
        rows={3}
        defaultValue={values.description ?? ""}
        error={errors.description}
      />
      <Radios id="action" name="action" legend="Action taken" legendProps={{ size: "s" }} error={errors.action}>
        {DECLARATION_ACTIONS.map((a) => (
          <Radios.Item key={a} value={a} defaultChecked={(values.action ?? "") === a}>
            {DECLARATION_ACTION_LABELS[a]}
          </Radios.Item>
        ))}
      </Radios>
    </>
  );
}

export function MeetingDeclarationFormPage(props: {
  ctx: ViewContext;
  meeting: MeetingRef;
  declarationId: string;
  items: NumberedItem[];
  choices: DeclarationChoices;
  values: Record<string, string>;
  errors: FieldErrors;
  conflict?: MeetingDeclarationView | undefined;
}) {
  const { ctx, meeting, values, errors } = props;
  const title = "Edit a declaration of interest";
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={meetingDeclarationsHref(meeting.id)}>Back to the declarations</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "agendaItemId")} />
      <span className="nhsuk-caption-l">{meetingTitle(meeting)}</span>
      <h1>{title}</h1>
      {props.conflict ? (
        <ConflictCallout heading="Someone else changed this declaration first">
          <p>
            Their version: {props.conflict.personName}, “{props.conflict.description}”, {DECLARATION_ACTION_SHORT_LABELS[props.conflict.action].toLowerCase()}.
            Your changes are below and have not been saved. Save again to replace their version with yours.
          </p>
        </ConflictCallout>
      ) : null}
      <form method="post" action={`${meetingDeclarationsHref(meeting.id)}/${props.declarationId}`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? ""} />
        <DeclarationFields items={props.items} choices={props.choices} values={values} errors={errors} />
        <Button>Save changes</Button>
      </form>
    </Layout>
  );
}

/** The form values for an existing declaration. */
export function meetingDeclarationFormValues(row: MeetingDeclarationView): Record<string, string> {
  return {
    agendaItemId: row.agendaItemId,
    personId: row.personId,
    interestId: row.interestId ?? "",
    description: row.description,
    action: row.action,
    version: String(row.version),
  };
}

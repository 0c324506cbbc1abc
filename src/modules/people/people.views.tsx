import { Button, Select, SummaryList, Table, Tag, TextInput } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, HistorySection, PageLinks, formTitle, formatDate } from "../../platform/views/components.tsx";
import type { HistoryEntry } from "../../platform/audit/audit.ts";
import type { FieldErrors } from "../../platform/http/errors.ts";
import type { MembershipRole } from "../bodies/bodies.tables.ts";
import type { PersonMembership } from "./people.repository.ts";
import type { PersonOutput } from "./people.schema.ts";
import { BackLink } from "../../platform/views/form-fields.tsx";

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  jobTitle: "Job title",
  organisationId: "Organisation",
  email: "Email address",
  userId: "Quorum account",
  isExample: "Example data",
  archivedAt: "Archived",
};

const MEMBERSHIP_ROLE_LABELS: Record<MembershipRole, string> = {
  chair: "Chair",
  co_chair: "Co-chair",
  vice_chair: "Vice-chair",
  member: "Member",
  in_attendance: "In attendance",
  secretary: "Secretary",
};

/** An organisation offered in the picker and the list filter. */
export interface OrganisationChoice {
  id: string;
  name: string;
}

/** The list page's filters as they arrived, so the form and the page links keep them. */
export type PersonListFilters = {
  q?: string | undefined;
  organisationId?: string | undefined;
  status?: string | undefined;
};

/** The people directory: filters, one page of people, page links and a helpful empty state. */
export function PersonListPage(props: {
  ctx: ViewContext;
  rows: PersonOutput[];
  page: number;
  hasNext: boolean;
  query: PersonListFilters;
  organisations: OrganisationChoice[];
  canManage: boolean;
  canSeeArchived: boolean;
  showEmail: boolean;
}) {
  const { ctx, rows, query } = props;
  const filtered = Boolean(query.q || query.organisationId || (query.status && query.status !== "current"));
  const directoryEmpty = rows.length === 0 && !filtered && props.page === 1;
  return (
    <Layout ctx={ctx} title="People">
      <h1>People</h1>
      <p>The board members, leads and presenters of {ctx.partnershipName}, and the organisations they come from.</p>
      {directoryEmpty ? (
        <EmptyDirectory canManage={props.canManage} />
      ) : (
        <>
          {props.canManage ? (
            <p>
              <a className="nhsuk-button" href="/people/new" role="button" draggable="false">
                Add a person
              </a>
            </p>
          ) : null}
          <form method="get" action="/people" className="app-filter" role="search" aria-label="Filter people">
            <TextInput label="Name contains" id="q" name="q" defaultValue={query.q ?? ""} width={20} spellCheck={false} />
            <Select label="Organisation" id="organisationId" name="organisationId" defaultValue={query.organisationId ?? ""}>
              <Select.Option value="">Any organisation</Select.Option>
              {props.organisations.map((o) => (
                <Select.Option key={o.id} value={o.id}>
                  {o.name}
                </Select.Option>
              ))}
            </Select>
            {props.canSeeArchived ? (
              <Select label="Status" id="status" name="status" defaultValue={query.status ?? "current"}>
                <Select.Option value="current">Current</Select.Option>
                <Select.Option value="archived">Archived</Select.Option>
                <Select.Option value="all">All</Select.Option>
              </Select>
            ) : null}
            <Button secondary>Filter</Button>
          </form>
          {rows.length === 0 ? (
            <NoResults filtered={filtered} />
          ) : (
            <Table responsive caption={`People, page ${props.page}`} captionProps={{ className: "nhsuk-u-visually-hidden" }}>
              <Table.Head>
                <Table.Row>
                  <Table.Cell>Name</Table.Cell>
                  <Table.Cell>Job title</Table.Cell>
                  <Table.Cell>Organisation</Table.Cell>
                  {props.showEmail ? <Table.Cell>Email address</Table.Cell> : null}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {rows.map((p) => (
                  <Table.Row key={p.id}>
                    <Table.Cell>
                      <a href={`/people/${p.id}`}>{p.name}</a> <PersonTags person={p} />
                    </Table.Cell>
                    <Table.Cell>{p.jobTitle ?? ""}</Table.Cell>
                    <Table.Cell>{p.organisation?.name ?? ""}</Table.Cell>
                    {props.showEmail ? <Table.Cell>{p.email ?? ""}</Table.Cell> : null}
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
          <PageLinks page={props.page} hasNext={props.hasNext} baseQuery={query} />
        </>
      )}
    </Layout>
  );
}

function EmptyDirectory({ canManage }: { canManage: boolean }) {
  return (
    <>
      <p>There are no people yet.</p>
      {canManage ? (
        <>
          <p>Add the people who sit on the partnership's boards and groups, lead its work or present papers, so that they can be named as members of bodies.</p>
          <p>
            <a className="nhsuk-button" href="/people/new" role="button" draggable="false">
              Add a person
            </a>
          </p>
        </>
      ) : (
        <p>People will be listed here once the board office has added them.</p>
      )}
    </>
  );
}

function NoResults({ filtered }: { filtered: boolean }) {
  return filtered ? (
    <p>
      No people match these filters. <a href="/people">Clear the filters</a>
    </p>
  ) : (
    <p>
      There is no one on this page. <a href="/people">Go to the first page</a>
    </p>
  );
}

function PersonTags({ person }: { person: Pick<PersonOutput, "archived" | "isExample"> }) {
  return (
    <>
      {person.archived ? <Tag color="grey">Archived</Tag> : null}
      {person.isExample ? <Tag color="yellow">Example data</Tag> : null}
    </>
  );
}

/** One person: details (contact details only for insiders), bodies they sit or sat on, controls and history. */
export function PersonPage(props: {
  ctx: ViewContext;
  person: PersonOutput;
  memberships: { current: PersonMembership[]; past: PersonMembership[] };
  canManage: boolean;
  showContactDetails: boolean;
  history: HistoryEntry[] | null;
}) {
  const { ctx, person } = props;
  return (
    <Layout ctx={ctx} title={person.name} beforeContent={<BackLink href="/people">People</BackLink>}>
      <h1>
        {person.name} <PersonTags person={person} />
      </h1>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Job title</SummaryList.Key>
          <SummaryList.Value>{person.jobTitle ?? "Not recorded"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Organisation</SummaryList.Key>
          <SummaryList.Value>
            {person.organisation ? (
              <>
                <a href={`/organisations/${person.organisation.id}`}>{person.organisation.name}</a>
                {person.organisation.archived ? " (archived)" : ""}
              </>
            ) : (
              "None"
            )}
          </SummaryList.Value>
        </SummaryList.Row>
        {props.showContactDetails ? (
          <>
            <SummaryList.Row>
              <SummaryList.Key>Email address</SummaryList.Key>
              <SummaryList.Value>
                {person.email ? (
                  <>
                    <a href={`mailto:${person.email}`}>{person.email}</a>
                    {person.isExample ? " (example)" : ""}
                  </>
                ) : (
                  "Not recorded"
                )}
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Quorum account</SummaryList.Key>
              <SummaryList.Value>{person.hasAccount ? "Has a Quorum account" : "No Quorum account"}</SummaryList.Value>
            </SummaryList.Row>
          </>
        ) : null}
        <SummaryList.Row>
          <SummaryList.Key>Status</SummaryList.Key>
          <SummaryList.Value>{person.archived ? "Archived" : "Current"}</SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
      {props.canManage ? (
        <div className="nhsuk-button-group">
          <a className="nhsuk-button" href={`/people/${person.id}/edit`} role="button" draggable="false">
            Edit<span className="nhsuk-u-visually-hidden"> {person.name}</span>
          </a>
          <form method="post" action={`/people/${person.id}/${person.archived ? "restore" : "archive"}`} className="app-inline-form">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="version" value={person.version} />
            <Button secondary>
              {person.archived ? "Restore" : "Archive"}
              <span className="nhsuk-u-visually-hidden"> {person.name}</span>
            </Button>
          </form>
        </div>
      ) : null}
      <MembershipsSection name={person.name} memberships={props.memberships} />
      {props.history ? <HistorySection entries={props.history} labels={FIELD_LABELS} /> : null}
    </Layout>
  );
}

function MembershipsSection({ name, memberships }: { name: string; memberships: { current: PersonMembership[]; past: PersonMembership[] } }) {
  const none = memberships.current.length === 0 && memberships.past.length === 0;
  return (
    <section aria-labelledby="memberships-heading">
      <h2 id="memberships-heading">Bodies</h2>
      {none ? (
        <p>{name} is not recorded as a member of any body.</p>
      ) : (
        <>
          {memberships.current.length > 0 ? (
            <MembershipTable caption="Current memberships" rows={memberships.current} showEnd={false} />
          ) : (
            <p>{name} is not currently a member of any body.</p>
          )}
          {memberships.past.length > 0 ? <MembershipTable caption="Past memberships" rows={memberships.past} showEnd /> : null}
        </>
      )}
    </section>
  );
}

function MembershipTable({ caption, rows, showEnd }: { caption: string; rows: PersonMembership[]; showEnd: boolean }) {
  return (
    <Table responsive caption={caption}>
      <Table.Head>
        <Table.Row>
          <Table.Cell>Body</Table.Cell>
          <Table.Cell>Role</Table.Cell>
          <Table.Cell>Voting</Table.Cell>
          <Table.Cell>From</Table.Cell>
          {showEnd ? <Table.Cell>To</Table.Cell> : null}
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rows.map((m) => (
          <Table.Row key={m.id}>
            <Table.Cell>
              <a href={`/bodies/${m.body.id}`}>{m.body.name}</a>
              {m.body.shortName ? ` (${m.body.shortName})` : ""}
              {m.body.archived ? " (archived)" : ""}
            </Table.Cell>
            <Table.Cell>
              {MEMBERSHIP_ROLE_LABELS[m.role]}
              {m.representing ? `, representing ${m.representing}` : ""}
            </Table.Cell>
            <Table.Cell>{m.voting ? "Yes" : "No"}</Table.Cell>
            <Table.Cell>{formatDate(m.startsOn)}</Table.Cell>
            {showEnd ? <Table.Cell>{formatDate(m.endsOn)}</Table.Cell> : null}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

/** Add or edit a person: NHS error summary, inline errors, typed values kept, and a warning when someone else saved first. */
export function PersonFormPage(props: {
  ctx: ViewContext;
  mode: "new" | "edit";
  id?: string;
  values: Record<string, string>;
  errors: FieldErrors;
  organisations: OrganisationChoice[];
  /** The person's current organisation when it is no longer offered (archived since), so the picker can keep it. */
  keptOrganisation?: OrganisationChoice | null | undefined;
  /** When the save was refused because someone else saved first: their version. */
  conflict?: PersonOutput | undefined;
}) {
  const { ctx, values, errors } = props;
  const title = props.mode === "new" ? "Add a person" : `Edit ${values.name || "person"}`;
  const action = props.mode === "new" ? "/people" : `/people/${props.id}`;
  const kept = props.keptOrganisation && !props.organisations.some((o) => o.id === props.keptOrganisation?.id) ? props.keptOrganisation : null;
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href="/people">People</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={{ _form: "name", version: "name" }} />
      <h1>{title}</h1>
      {props.conflict ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Someone else saved this person first
            </span>
          </h2>
          <p>
            Their version is named “{props.conflict.name}”{props.conflict.jobTitle ? `, ${props.conflict.jobTitle}` : ""}
            {props.conflict.organisation ? `, ${props.conflict.organisation.name}` : ""}. Your changes are below and have not been saved. Save again to replace
            their version with yours.
          </p>
        </div>
      ) : null}
      <form method="post" action={action} noValidate>
        <CsrfField token={ctx.csrfToken} />
        {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
        <TextInput label="Full name" id="name" name="name" defaultValue={values.name ?? ""} error={errors.name} autoComplete="off" spellCheck={false} />
        <TextInput
          label="Job title (optional)"
          hint="For example, “Director of Nursing” or “Patient representative”"
          id="jobTitle"
          name="jobTitle"
          defaultValue={values.jobTitle ?? ""}
          error={errors.jobTitle}
          autoComplete="off"
        />
        <Select
          label="Organisation (optional)"
          hint="Leave as “No organisation” for independent members, such as a lay member or an independent chair"
          id="organisationId"
          name="organisationId"
          defaultValue={values.organisationId ?? ""}
          error={errors.organisationId}
        >
          <Select.Option value="">No organisation</Select.Option>
          {kept ? <Select.Option value={kept.id}>{`${kept.name} (archived)`}</Select.Option> : null}
          {props.organisations.map((o) => (
            <Select.Option key={o.id} value={o.id}>
              {o.name}
            </Select.Option>
          ))}
        </Select>
        <TextInput
          label="Email address (optional)"
          hint="Only people with a role in the partnership can see it"
          id="email"
          name="email"
          type="email"
          defaultValue={values.email ?? ""}
          error={errors.email}
          autoComplete="off"
          spellCheck={false}
        />
        <Button>{props.mode === "new" ? "Add person" : "Save changes"}</Button>
      </form>
    </Layout>
  );
}

/** The form values for an existing person, as an insider sees them. */
export function personFormValues(person: PersonOutput): Record<string, string> {
  return {
    name: person.name,
    jobTitle: person.jobTitle ?? "",
    organisationId: person.organisation?.id ?? "",
    email: person.email ?? "",
    version: String(person.version),
  };
}

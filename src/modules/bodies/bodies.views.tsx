import type { ReactNode } from "react";
import { Breadcrumb, Button, Checkboxes, Fieldset, Select, SummaryList, Table, Tag, Textarea, TextInput } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, HistorySection, PageLinks, formTitle, formatDate } from "../../platform/views/components.tsx";
import type { HistoryEntry } from "../../platform/audit/audit.ts";
import type { FieldErrors } from "../../platform/http/errors.ts";
import { ORGANISATION_KINDS } from "../organisations/organisations.tables.ts";
import { ORGANISATION_KIND_LABELS } from "../organisations/organisations.schema.ts";
import { BODY_KINDS, MEMBERSHIP_ROLES, type BodyRow, type TermsOfReferenceRow, type TermsOfReferenceStatus } from "./bodies.tables.ts";
import type { BodyWithRelations, MembershipView } from "./bodies.repository.ts";
import type { BodyTreeNode } from "./bodies.service.ts";
import {
  BODY_KIND_LABELS,
  MEMBERSHIP_ROLE_LABELS,
  REPRESENTATION_FORM_ROWS,
  TERMS_OF_REFERENCE_STATUS_LABELS,
  fieldIdFor,
  representationFieldName,
} from "./bodies.schema.ts";
import { describeCriterion } from "./bodies.presenter.ts";
import { describeQuorumRule, quorumRuleOf } from "./quorum.ts";
import { BackLink, ConflictCallout, NhsDate, YesNo, dateParts } from "../../platform/views/form-fields.tsx";

/** How the fields of bodies and draft terms of reference are named in their history. */
const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  shortName: "Short name",
  kind: "Kind",
  parentBodyId: "Reports to",
  purpose: "Purpose",
  meetsInPublic: "Meets in public",
  establishedOn: "Established",
  versionLabel: "Version",
  text: "Text",
  documentUrl: "Document",
  quorumMinimumVotingMembers: "Quorum: voting members",
  quorumRepresentation: "Quorum: representation",
};

/** A body's name with its short name, as lists and headings show it. */
export function bodyTitle(body: { name: string; shortName: string | null }): string {
  return body.shortName && body.shortName !== body.name ? `${body.name} (${body.shortName})` : body.name;
}

const bodyHref = (id: string) => `/bodies/${id}`;
const termsHref = (bodyId: string, termsId: string) => `/bodies/${bodyId}/terms-of-reference/${termsId}`;

/** The error summary's link targets: dates focus their day, radios their first option, rows their input. */
function summaryIds(errors: FieldErrors, formFallback: string): Record<string, string> {
  return Object.fromEntries(Object.keys(errors).map((k) => [k, k === "_form" ? formFallback : fieldIdFor(k)]));
}

function StatusTag({ status }: { status: TermsOfReferenceStatus }) {
  const colour = status === "ratified" ? "green" : status === "draft" ? "blue" : "grey";
  return <Tag color={colour}>{TERMS_OF_REFERENCE_STATUS_LABELS[status]}</Tag>;
}

/** Text typed into a textarea, shown as paragraphs with its line breaks kept. */
function Paragraphs({ text }: { text: string }) {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== "");
  return (
    <>
      {paragraphs.map((p, i) => (
        <p key={i}>
          {p.split("\n").map((line, j) => (
            <span key={j}>
              {j > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </p>
      ))}
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// List

/** The list of bodies, filterable by name and kind (and, for insiders, status). */
export function BodyListPage(props: {
  ctx: ViewContext;
  rows: BodyWithRelations[];
  page: number;
  hasNext: boolean;
  query: { q?: string | undefined; kind?: string | undefined; status?: string | undefined };
  canManage: boolean;
  canSeeArchived: boolean;
}) {
  const { ctx, rows, query } = props;
  const filtered = Boolean(query.q || query.kind || (query.status && query.status !== "current"));
  return (
    <Layout ctx={ctx} title="Bodies">
      <h1>Governance bodies</h1>
      <p>The boards, committees and groups through which {ctx.partnershipName} is governed.</p>
      {props.canManage ? (
        <p>
          <a className="nhsuk-button" href="/bodies/new" role="button" draggable="false">
            Add a body
          </a>
        </p>
      ) : null}
      <form method="get" action="/bodies" className="app-filter" role="search" aria-label="Filter bodies">
        <TextInput label="Name contains" id="q" name="q" defaultValue={query.q ?? ""} width={20} />
        <Select label="Kind" id="kind" name="kind" defaultValue={query.kind ?? ""}>
          <Select.Option value="">Any kind</Select.Option>
          {BODY_KINDS.map((k) => (
            <Select.Option key={k} value={k}>
              {BODY_KIND_LABELS[k]}
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
        <p>
          {filtered
            ? "No bodies match these filters."
            : props.canManage
              ? "There are no bodies yet. Start with the programme board."
              : "No bodies have been published yet."}
        </p>
      ) : (
        <Table responsive caption="Governance bodies" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Name</Table.Cell>
              <Table.Cell>Kind</Table.Cell>
              <Table.Cell>Reports to</Table.Cell>
              <Table.Cell>Meets in public</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((b) => (
              <Table.Row key={b.id}>
                <Table.Cell>
                  <a href={bodyHref(b.slug ?? b.id)}>{bodyTitle(b)}</a> {b.archivedAt ? <Tag color="grey">Archived</Tag> : null}
                </Table.Cell>
                <Table.Cell>{BODY_KIND_LABELS[b.kind]}</Table.Cell>
                <Table.Cell>{b.parentBodyId && b.parentName ? <a href={bodyHref(b.parentBodyId)}>{b.parentName}</a> : "None"}</Table.Cell>
                <Table.Cell>{b.meetsInPublic ? "Yes" : "No"}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <PageLinks page={props.page} hasNext={props.hasNext} baseQuery={query} />
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// The body page

function BodyTree({ nodes, root = false }: { nodes: BodyTreeNode[]; root?: boolean }) {
  return (
    <ul className={root ? "app-tree" : undefined}>
      {nodes.map((n) => (
        <li className="app-tree__item" key={n.id}>
          <a href={bodyHref(n.id)}>{bodyTitle(n)}</a> <span className="app-tree__meta">{BODY_KIND_LABELS[n.kind]}</span>
          {n.archived ? (
            <>
              {" "}
              <Tag color="grey">Archived</Tag>
            </>
          ) : null}
          {n.children.length > 0 ? <BodyTree nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

function Breadcrumbs({ ancestors }: { ancestors: { id: string; name: string }[] }) {
  return (
    <Breadcrumb>
      <Breadcrumb.Item href="/bodies">Bodies</Breadcrumb.Item>
      {ancestors.map((a) => (
        <Breadcrumb.Item key={a.id} href={bodyHref(a.id)}>
          {a.name}
        </Breadcrumb.Item>
      ))}
    </Breadcrumb>
  );
}

function ButtonLink({ href, children, secondary }: { href: string; children: ReactNode; secondary?: boolean }) {
  return (
    <a className={secondary ? "nhsuk-button nhsuk-button--secondary" : "nhsuk-button"} href={href} role="button" draggable="false">
      {children}
    </a>
  );
}

function CurrentMembers({ body, members, canManage }: { body: BodyRow; members: MembershipView[]; canManage: boolean }) {
  if (members.length === 0) return <p>No members have been recorded.</p>;
  return (
    <Table responsive caption={`Current members of ${body.name}`} captionProps={{ className: "nhsuk-u-visually-hidden" }}>
      <Table.Head>
        <Table.Row>
          <Table.Cell>Name</Table.Cell>
          <Table.Cell>Role</Table.Cell>
          <Table.Cell>Voting</Table.Cell>
          <Table.Cell>Representing</Table.Cell>
          <Table.Cell>Since</Table.Cell>
          {canManage ? <Table.Cell>Actions</Table.Cell> : null}
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {members.map((m) => (
          <Table.Row key={m.id}>
            <Table.Cell>
              {m.personName}
              {m.personJobTitle ? (
                <>
                  <br />
                  <span className="nhsuk-body-s">{m.personJobTitle}</span>
                </>
              ) : null}
            </Table.Cell>
            <Table.Cell>{MEMBERSHIP_ROLE_LABELS[m.role]}</Table.Cell>
            <Table.Cell>{m.voting ? "Yes" : "No"}</Table.Cell>
            <Table.Cell>
              {m.representing ?? ""}
              {m.categories.length > 0 ? <span className="nhsuk-body-s app-tree__meta"> {m.categories.join(", ")}</span> : null}
            </Table.Cell>
            <Table.Cell>
              {formatDate(m.startsOn)}
              {m.endsOn ? ` (until ${formatDate(m.endsOn)})` : ""}
            </Table.Cell>
            {canManage ? (
              <Table.Cell>
                {m.endsOn ? null : (
                  <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                    <li>
                      <a href={`/bodies/${body.id}/members/${m.id}/change-role`}>
                        Change role<span className="nhsuk-u-visually-hidden"> of {m.personName}</span>
                      </a>
                    </li>
                    <li>
                      <a href={`/bodies/${body.id}/members/${m.id}/end`}>
                        End membership<span className="nhsuk-u-visually-hidden"> of {m.personName}</span>
                      </a>
                    </li>
                  </ul>
                )}
              </Table.Cell>
            ) : null}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

function PastMembers({ body, members, showReasons }: { body: BodyRow; members: MembershipView[]; showReasons: boolean }) {
  if (members.length === 0) return <p>No one has left this body.</p>;
  return (
    <Table responsive caption={`Past members of ${body.name}`} captionProps={{ className: "nhsuk-u-visually-hidden" }}>
      <Table.Head>
        <Table.Row>
          <Table.Cell>Name</Table.Cell>
          <Table.Cell>Role</Table.Cell>
          <Table.Cell>From</Table.Cell>
          <Table.Cell>To</Table.Cell>
          {showReasons ? <Table.Cell>Reason</Table.Cell> : null}
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {members.map((m) => (
          <Table.Row key={m.id}>
            <Table.Cell>{m.personName}</Table.Cell>
            <Table.Cell>{MEMBERSHIP_ROLE_LABELS[m.role]}</Table.Cell>
            <Table.Cell>{formatDate(m.startsOn)}</Table.Cell>
            <Table.Cell>{formatDate(m.endsOn)}</Table.Cell>
            {showReasons ? <Table.Cell>{m.endReason ?? ""}</Table.Cell> : null}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

function TermsOfReferenceVersions({ body, versions, bodyNames }: { body: BodyRow; versions: TermsOfReferenceRow[]; bodyNames: ReadonlyMap<string, string> }) {
  if (versions.length === 0) return <p>No terms of reference have been published.</p>;
  return (
    <Table responsive caption={`Versions of the terms of reference of ${body.name}`} captionProps={{ className: "nhsuk-u-visually-hidden" }}>
      <Table.Head>
        <Table.Row>
          <Table.Cell>Version</Table.Cell>
          <Table.Cell>Status</Table.Cell>
          <Table.Cell>Ratified by</Table.Cell>
          <Table.Cell>Ratified on</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {versions.map((t) => (
          <Table.Row key={t.id}>
            <Table.Cell>
              <a href={termsHref(body.id, t.id)}>
                <span className="nhsuk-u-visually-hidden">Terms of reference, version </span>
                {t.versionLabel}
              </a>
            </Table.Cell>
            <Table.Cell>
              <StatusTag status={t.status} />
            </Table.Cell>
            <Table.Cell>{t.ratifiedByBodyId ? (bodyNames.get(t.ratifiedByBodyId) ?? "") : ""}</Table.Cell>
            <Table.Cell>{formatDate(t.ratifiedOn)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

/** A body: what it is, where it sits in the structure, its members, its terms of reference and history. */
export function BodyPage(props: {
  ctx: ViewContext;
  body: BodyRow;
  ancestors: { id: string; name: string }[];
  tree: BodyTreeNode[];
  currentMembers: MembershipView[];
  pastMembers: MembershipView[];
  termsOfReference: TermsOfReferenceRow[];
  ratified: TermsOfReferenceRow | null;
  bodyNames: ReadonlyMap<string, string>;
  canManage: boolean;
  /** Whether the viewer may read the body's forward plan (the public: bodies that meet in public). */
  showForwardPlan?: boolean;
  showEndReasons: boolean;
  history: HistoryEntry[] | null;
}) {
  const { ctx, body, ancestors } = props;
  const parent = ancestors[ancestors.length - 1];
  const archived = body.archivedAt !== null;
  return (
    <Layout ctx={ctx} title={body.name} beforeContent={<Breadcrumbs ancestors={ancestors} />}>
      <h1>
        {body.name} {archived ? <Tag color="grey">Archived</Tag> : null}
      </h1>
      {body.purpose ? (
        <div className="nhsuk-lede-text">
          <Paragraphs text={body.purpose} />
        </div>
      ) : null}
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Short name</SummaryList.Key>
          <SummaryList.Value>{body.shortName ?? "None"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Kind</SummaryList.Key>
          <SummaryList.Value>{BODY_KIND_LABELS[body.kind]}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Reports to</SummaryList.Key>
          <SummaryList.Value>
            {body.parentBodyId === null ? (
              "None: it is at the top of the structure"
            ) : parent && parent.id === body.parentBodyId ? (
              <a href={bodyHref(parent.id)}>{parent.name}</a>
            ) : (
              "A body that is no longer published"
            )}
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Meets in public</SummaryList.Key>
          <SummaryList.Value>{body.meetsInPublic ? "Yes" : "No"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Established</SummaryList.Key>
          <SummaryList.Value>{body.establishedOn ? formatDate(body.establishedOn) : "Not recorded"}</SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
      <ul className="nhsuk-list">
        <li>
          <a href={`/bodies/${body.id}/meetings`}>Meetings of {body.name}</a>
        </li>
        <li>
          <a href={`/decisions?bodyId=${body.id}`}>Decisions of {body.name}</a>
        </li>
        {props.showForwardPlan ? (
          <li>
            <a href={`/bodies/${body.id}/forward-plan`}>Forward plan of {body.name}</a>
          </li>
        ) : null}
      </ul>
      {props.canManage ? (
        <div className="nhsuk-button-group">
          <ButtonLink href={`/bodies/${body.id}/edit`}>
            Edit<span className="nhsuk-u-visually-hidden"> {body.name}</span>
          </ButtonLink>
          <form method="post" action={`/bodies/${body.id}/${archived ? "restore" : "archive"}`} className="app-inline-form">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="version" value={body.version} />
            <Button secondary>{archived ? "Restore" : "Archive"}</Button>
          </form>
        </div>
      ) : null}

      <section aria-labelledby="sub-bodies-heading">
        <h2 id="sub-bodies-heading">Sub-bodies</h2>
        {props.tree.length === 0 ? <p>No bodies report to {body.name}.</p> : <BodyTree nodes={props.tree} root />}
      </section>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        <CurrentMembers body={body} members={props.currentMembers} canManage={props.canManage} />
        {props.canManage && !archived ? (
          <p>
            <ButtonLink href={`/bodies/${body.id}/members/new`} secondary>
              Add a member
            </ButtonLink>
          </p>
        ) : null}
        <h3>Past members</h3>
        <PastMembers body={body} members={props.pastMembers} showReasons={props.showEndReasons} />
      </section>

      <section aria-labelledby="terms-heading">
        <h2 id="terms-heading">Terms of reference</h2>
        {props.ratified ? (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>
              <a href={termsHref(body.id, props.ratified.id)}>Version {props.ratified.versionLabel}</a> is in force
              {props.ratified.ratifiedByBodyId ? `, ratified by ${props.bodyNames.get(props.ratified.ratifiedByBodyId) ?? "another body"}` : ""}
              {props.ratified.ratifiedOn ? ` on ${formatDate(props.ratified.ratifiedOn)}` : ""}.
            </p>
            <p>Quorum: {describeQuorumRule(quorumRuleOf(props.ratified))}</p>
          </div>
        ) : null}
        <TermsOfReferenceVersions body={body} versions={props.termsOfReference} bodyNames={props.bodyNames} />
        {props.canManage && !archived ? (
          <p>
            <ButtonLink href={`/bodies/${body.id}/terms-of-reference/new`} secondary>
              Add a draft version
            </ButtonLink>
          </p>
        ) : null}
      </section>

      {props.history ? <HistorySection entries={props.history} labels={FIELD_LABELS} /> : null}
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Add and edit a body

/** A body offered in a picker. */
export interface BodyChoice {
  id: string;
  name: string;
  shortName: string | null;
}

/** The form to add or edit a body. */
export function BodyFormPage(props: {
  ctx: ViewContext;
  mode: "new" | "edit";
  id?: string;
  values: Record<string, string>;
  errors: FieldErrors;
  parents: BodyChoice[];
  /** When the save was refused because someone else saved first: their version. */
  conflict?: BodyRow | undefined;
}) {
  const { ctx, values, errors } = props;
  const title = props.mode === "new" ? "Add a body" : `Edit ${values.name || "body"}`;
  const action = props.mode === "new" ? "/bodies" : `/bodies/${props.id}`;
  return (
    <Layout
      ctx={ctx}
      title={formTitle(title, errors)}
      beforeContent={<BackLink href={props.id ? bodyHref(props.id) : "/bodies"}>{props.id ? "Back to the body" : "Bodies"}</BackLink>}
    >
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "name")} />
      <h1>{title}</h1>
      {props.conflict ? (
        <ConflictCallout heading="Someone else saved this body first">
          <p>
            Their version is named “{props.conflict.name}” ({BODY_KIND_LABELS[props.conflict.kind]}). Your changes are below and have not been saved. Save again
            to replace their version with yours.
          </p>
        </ConflictCallout>
      ) : null}
      <form method="post" action={action} noValidate>
        <CsrfField token={ctx.csrfToken} />
        {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
        <TextInput label="Name" id="name" name="name" defaultValue={values.name ?? ""} error={errors.name} />
        <TextInput
          label="Short name (optional)"
          hint="For example, “CPB” or “LWAB”"
          id="shortName"
          name="shortName"
          defaultValue={values.shortName ?? ""}
          error={errors.shortName}
          width={10}
        />
        <Select label="Kind" id="kind" name="kind" defaultValue={values.kind ?? ""} error={errors.kind}>
          <Select.Option value="">Select a kind</Select.Option>
          {BODY_KINDS.map((k) => (
            <Select.Option key={k} value={k}>
              {BODY_KIND_LABELS[k]}
            </Select.Option>
          ))}
        </Select>
        <Select
          label="Reports to"
          hint="The body this one is accountable to"
          id="parentBodyId"
          name="parentBodyId"
          defaultValue={values.parentBodyId ?? ""}
          error={errors.parentBodyId}
        >
          <Select.Option value="">None: it is at the top of the structure</Select.Option>
          {props.parents.map((b) => (
            <Select.Option key={b.id} value={b.id}>
              {bodyTitle(b)}
            </Select.Option>
          ))}
        </Select>
        <Textarea
          label="Purpose"
          hint="What the body is for and what it decides"
          id="purpose"
          name="purpose"
          rows={5}
          defaultValue={values.purpose ?? ""}
          error={errors.purpose}
        />
        <YesNo
          name="meetsInPublic"
          legend="Does the body meet in public?"
          hint="Its public (Part I) business is then published here"
          values={values}
          errors={errors}
        />
        <NhsDate name="establishedOn" legend="Date established (optional)" values={values} errors={errors} />
        <Button>{props.mode === "new" ? "Add body" : "Save changes"}</Button>
      </form>
    </Layout>
  );
}

/** The form values for an existing body. */
export function bodyFormValues(row: BodyRow): Record<string, string> {
  return {
    name: row.name,
    shortName: row.shortName ?? "",
    kind: row.kind,
    parentBodyId: row.parentBodyId ?? "",
    purpose: row.purpose,
    meetsInPublic: row.meetsInPublic ? "yes" : "no",
    ...dateParts("establishedOn", row.establishedOn),
    version: String(row.version),
  };
}

// ---------------------------------------------------------------------------------------------
// Memberships

/** A person offered in the member picker. */
export interface PersonChoice {
  id: string;
  name: string;
  jobTitle: string | null;
  organisationName: string | null;
}

function personLabel(p: PersonChoice): string {
  const details = [p.jobTitle, p.organisationName].filter(Boolean).join(", ");
  return details ? `${p.name} – ${details}` : p.name;
}

/** Role, voting, categories and representation: the part of a seat that "add" and "change role" share. */
function SeatFields({ values, errors, knownCategories }: { values: Record<string, string>; errors: FieldErrors; knownCategories: string[] }) {
  const ticked = new Set((values.categories ?? "").split("\n").filter(Boolean));
  return (
    <>
      <Select label="Role" id="role" name="role" defaultValue={values.role ?? ""} error={errors.role}>
        <Select.Option value="">Select a role</Select.Option>
        {MEMBERSHIP_ROLES.map((r) => (
          <Select.Option key={r} value={r}>
            {MEMBERSHIP_ROLE_LABELS[r]}
          </Select.Option>
        ))}
      </Select>
      <YesNo name="voting" legend="Can they vote?" hint="Only voting members count towards quorum" values={values} errors={errors} />
      {knownCategories.length > 0 ? (
        <Checkboxes
          id="categories"
          name="categories"
          legend="Representation categories (optional)"
          legendProps={{ size: "s" }}
          hint="Quorum rules count members by category, for example clinicians or patient representatives"
          small
        >
          {knownCategories.map((c) => (
            <Checkboxes.Item key={c} value={c} defaultChecked={ticked.has(c)}>
              {c}
            </Checkboxes.Item>
          ))}
        </Checkboxes>
      ) : null}
      <TextInput
        label={knownCategories.length > 0 ? "Other categories (optional)" : "Representation categories (optional)"}
        hint="Separate categories with commas, for example: clinician, patient representative"
        id="otherCategories"
        name="otherCategories"
        defaultValue={values.otherCategories ?? ""}
        error={errors.otherCategories}
      />
      <TextInput
        label="Representing (optional)"
        hint="For example, “Patients and the public” or “Medway Council”"
        id="representing"
        name="representing"
        defaultValue={values.representing ?? ""}
        error={errors.representing}
      />
    </>
  );
}

/** The form to add a member to a body. */
export function MemberFormPage(props: {
  ctx: ViewContext;
  body: BodyRow;
  people: PersonChoice[];
  knownCategories: string[];
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const { ctx, body, values, errors } = props;
  const title = `Add a member to ${body.name}`;
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={bodyHref(body.id)}>Back to {body.name}</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "personId")} />
      <h1>{title}</h1>
      <form method="post" action={`/bodies/${body.id}/members`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <Select
          label="Person"
          hint="Add them to the people directory first if they are not listed"
          id="personId"
          name="personId"
          defaultValue={values.personId ?? ""}
          error={errors.personId}
        >
          <Select.Option value="">Select a person</Select.Option>
          {props.people.map((p) => (
            <Select.Option key={p.id} value={p.id}>
              {personLabel(p)}
            </Select.Option>
          ))}
        </Select>
        <SeatFields values={values} errors={errors} knownCategories={props.knownCategories} />
        <NhsDate name="startsOn" legend="Start date" values={values} errors={errors} />
        <Button>Add member</Button>
      </form>
    </Layout>
  );
}

function MembershipSummary({ m }: { m: MembershipView }) {
  return (
    <SummaryList>
      <SummaryList.Row>
        <SummaryList.Key>Member</SummaryList.Key>
        <SummaryList.Value>{m.personName}</SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Current role</SummaryList.Key>
        <SummaryList.Value>
          {MEMBERSHIP_ROLE_LABELS[m.role]}, {m.voting ? "voting" : "not voting"}
        </SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Since</SummaryList.Key>
        <SummaryList.Value>{formatDate(m.startsOn)}</SummaryList.Value>
      </SummaryList.Row>
    </SummaryList>
  );
}

/** The form to end a membership: the last day and the reason. */
export function EndMembershipPage(props: {
  ctx: ViewContext;
  body: BodyRow;
  membership: MembershipView;
  values: Record<string, string>;
  errors: FieldErrors;
  conflict?: boolean;
}) {
  const { ctx, body, membership: m, values, errors } = props;
  const title = `End ${m.personName}’s membership of ${body.name}`;
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={bodyHref(body.id)}>Back to {body.name}</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "endsOn-day")} />
      <h1>{title}</h1>
      {props.conflict ? (
        <ConflictCallout heading="Someone else changed this membership first">
          <p>Check the details below, then submit again if the membership should still end.</p>
        </ConflictCallout>
      ) : null}
      <MembershipSummary m={m} />
      <form method="post" action={`/bodies/${body.id}/members/${m.id}/end`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? String(m.version)} />
        <NhsDate name="endsOn" legend="Last day of membership" values={values} errors={errors} />
        <TextInput
          label="Reason"
          hint="For example, “Stepped down” or “Term of office ended”"
          id="reason"
          name="reason"
          defaultValue={values.reason ?? ""}
          error={errors.reason}
        />
        <p>The membership stays in the body’s history.</p>
        <Button warning>End membership</Button>
      </form>
    </Layout>
  );
}

/** The form to change a member's role: ends the current seat and starts a new one. */
export function ChangeRolePage(props: {
  ctx: ViewContext;
  body: BodyRow;
  membership: MembershipView;
  knownCategories: string[];
  values: Record<string, string>;
  errors: FieldErrors;
  conflict?: boolean;
}) {
  const { ctx, body, membership: m, values, errors } = props;
  const title = `Change ${m.personName}’s role on ${body.name}`;
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={bodyHref(body.id)}>Back to {body.name}</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "role")} />
      <h1>{title}</h1>
      {props.conflict ? (
        <ConflictCallout heading="Someone else changed this membership first">
          <p>Check the details below, then submit again if the role should still change.</p>
        </ConflictCallout>
      ) : null}
      <MembershipSummary m={m} />
      <form method="post" action={`/bodies/${body.id}/members/${m.id}/change-role`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? String(m.version)} />
        <SeatFields values={values} errors={errors} knownCategories={props.knownCategories} />
        <NhsDate
          name="startsOn"
          legend="Date the new role starts"
          hint="The current membership ends the day before. For example, 4 12 2017"
          values={values}
          errors={errors}
        />
        <Button>Change role</Button>
      </form>
    </Layout>
  );
}

/** Form values for changing the role of an existing membership: its current seat, with no date yet. */
export function changeRoleFormValues(m: MembershipView, knownCategories: string[]): Record<string, string> {
  const known = new Set(knownCategories);
  return {
    role: m.role,
    voting: m.voting ? "yes" : "no",
    categories: m.categories.filter((c) => known.has(c)).join("\n"),
    otherCategories: m.categories.filter((c) => !known.has(c)).join(", "),
    representing: m.representing ?? "",
    version: String(m.version),
  };
}

// ---------------------------------------------------------------------------------------------
// Terms of reference

function RepresentationTable({ rule }: { rule: TermsOfReferenceRow["quorumRepresentation"] }) {
  return (
    <Table responsive caption="Required representation">
      <Table.Head>
        <Table.Row>
          <Table.Cell>Requirement</Table.Cell>
          <Table.Cell>At least</Table.Cell>
          <Table.Cell>Who counts</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rule.map((r, i) => (
          <Table.Row key={i}>
            <Table.Cell>{r.description}</Table.Cell>
            <Table.Cell>{r.minimum}</Table.Cell>
            <Table.Cell>Voting {describeCriterion(r)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

/** One version of a body's terms of reference: its status, quorum rule and text. */
export function TermsOfReferencePage(props: {
  ctx: ViewContext;
  body: BodyRow;
  terms: TermsOfReferenceRow;
  ratifiedBy: { id: string; name: string } | null;
  canManage: boolean;
}) {
  const { ctx, body, terms } = props;
  const title = `Terms of reference of ${body.name}, version ${terms.versionLabel}`;
  return (
    <Layout ctx={ctx} title={title} beforeContent={<BackLink href={bodyHref(body.id)}>Back to {body.name}</BackLink>}>
      <span className="nhsuk-caption-l">{body.name}</span>
      <h1>
        Terms of reference, version {terms.versionLabel} <StatusTag status={terms.status} />
      </h1>
      {terms.status === "superseded" ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>A later version has replaced this one. It is kept as the record of what was agreed.</p>
        </div>
      ) : null}
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Status</SummaryList.Key>
          <SummaryList.Value>{TERMS_OF_REFERENCE_STATUS_LABELS[terms.status]}</SummaryList.Value>
        </SummaryList.Row>
        {terms.status !== "draft" ? (
          <SummaryList.Row>
            <SummaryList.Key>Ratified</SummaryList.Key>
            <SummaryList.Value>
              {props.ratifiedBy ? (
                <>
                  By <a href={bodyHref(props.ratifiedBy.id)}>{props.ratifiedBy.name}</a>
                </>
              ) : (
                "By a body no longer listed"
              )}
              {terms.ratifiedOn ? ` on ${formatDate(terms.ratifiedOn)}` : ""}
            </SummaryList.Value>
          </SummaryList.Row>
        ) : null}
        <SummaryList.Row>
          <SummaryList.Key>Document</SummaryList.Key>
          <SummaryList.Value>
            {terms.documentUrl ? (
              <a href={terms.documentUrl} rel="noopener noreferrer">
                The terms of reference document<span className="nhsuk-u-visually-hidden">, version {terms.versionLabel}</span>
              </a>
            ) : (
              "None"
            )}
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Quorum</SummaryList.Key>
          <SummaryList.Value>{describeQuorumRule(quorumRuleOf(terms))}</SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
      {terms.quorumRepresentation.length > 0 ? <RepresentationTable rule={terms.quorumRepresentation} /> : null}
      {props.canManage && terms.status === "draft" ? (
        <div className="nhsuk-button-group">
          <ButtonLink href={`${termsHref(body.id, terms.id)}/edit`}>
            Edit draft<span className="nhsuk-u-visually-hidden"> version {terms.versionLabel}</span>
          </ButtonLink>
          <ButtonLink href={`${termsHref(body.id, terms.id)}/ratify`} secondary>
            Record ratification<span className="nhsuk-u-visually-hidden"> of version {terms.versionLabel}</span>
          </ButtonLink>
        </div>
      ) : null}
      <h2>Text</h2>
      {terms.text.trim() ? <Paragraphs text={terms.text} /> : <p>The terms are held in the document linked above.</p>}
    </Layout>
  );
}

function RepresentationRow({ index, values, errors }: { index: number; values: Record<string, string>; errors: FieldErrors }) {
  const name = (f: "description" | "minimum" | "criterion" | "category") => representationFieldName(index, f);
  const error = (f: string) => errors[`representation.${index}.${f}`];
  return (
    <Fieldset>
      <Fieldset.Legend size="s">Required representation {index + 1} (optional)</Fieldset.Legend>
      <TextInput
        label="Description"
        hint="For example, “At least one clinician”"
        id={name("description")}
        name={name("description")}
        defaultValue={values[name("description")] ?? ""}
        error={error("description")}
      />
      <TextInput
        label="How many, at least"
        id={name("minimum")}
        name={name("minimum")}
        inputMode="numeric"
        width={3}
        defaultValue={values[name("minimum")] ?? ""}
        error={error("minimum")}
      />
      <Select label="Who counts" id={name("criterion")} name={name("criterion")} defaultValue={values[name("criterion")] ?? ""} error={error("criterion")}>
        <Select.Option value="">Select who counts</Select.Option>
        <Select.Option value="memberCategory">Members in a category (enter it below)</Select.Option>
        {ORGANISATION_KINDS.map((k) => (
          <Select.Option key={k} value={`organisationKind:${k}`}>
            Members from: {ORGANISATION_KIND_LABELS[k]}
          </Select.Option>
        ))}
      </Select>
      <TextInput
        label="Category (when members in a category count)"
        hint="For example, clinician or patient representative"
        id={name("category")}
        name={name("category")}
        defaultValue={values[name("category")] ?? ""}
        error={error("category")}
      />
    </Fieldset>
  );
}

/** The form to add a draft version of terms of reference, or edit one. Works without JavaScript: rows left blank are ignored. */
export function TermsOfReferenceFormPage(props: {
  ctx: ViewContext;
  body: BodyRow;
  mode: "new" | "edit";
  termsId?: string;
  values: Record<string, string>;
  errors: FieldErrors;
  conflict?: TermsOfReferenceRow | undefined;
}) {
  const { ctx, body, values, errors } = props;
  const title =
    props.mode === "new" ? `Add a draft of the terms of reference of ${body.name}` : `Edit draft terms of reference, version ${values.versionLabel || ""}`;
  const action = props.mode === "new" ? `/bodies/${body.id}/terms-of-reference` : termsHref(body.id, props.termsId ?? "");
  const filledRows = Array.from({ length: 20 }, (_, i) => i).filter((i) =>
    (["description", "minimum", "criterion", "category"] as const).some((f) => (values[representationFieldName(i, f)] ?? "") !== ""),
  );
  const rowCount = Math.max(REPRESENTATION_FORM_ROWS, (filledRows[filledRows.length - 1] ?? -1) + 2);
  return (
    <Layout
      ctx={ctx}
      title={formTitle(title, errors)}
      beforeContent={
        props.termsId ? (
          <BackLink href={termsHref(body.id, props.termsId)}>Back to the draft</BackLink>
        ) : (
          <BackLink href={bodyHref(body.id)}>Back to {body.name}</BackLink>
        )
      }
    >
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "versionLabel")} />
      <span className="nhsuk-caption-l">{body.name}</span>
      <h1>{props.mode === "new" ? "Add a draft of the terms of reference" : `Edit draft, version ${values.versionLabel || ""}`}</h1>
      {props.conflict ? (
        <ConflictCallout heading="Someone else saved this draft first">
          <p>
            Their version is labelled “{props.conflict.versionLabel}”. Your changes are below and have not been saved. Save again to replace their version with
            yours.
          </p>
        </ConflictCallout>
      ) : null}
      <p>Drafts are seen only by people with a role in the partnership. Once ratified, the text cannot change.</p>
      <form method="post" action={action} noValidate>
        <CsrfField token={ctx.csrfToken} />
        {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
        <TextInput
          label="Version"
          hint="For example, 2.0"
          id="versionLabel"
          name="versionLabel"
          width={10}
          defaultValue={values.versionLabel ?? ""}
          error={errors.versionLabel}
        />
        <Textarea
          label="Text"
          hint="The terms of reference as agreed. Leave blank if you link to the document instead."
          id="text"
          name="text"
          rows={15}
          defaultValue={values.text ?? ""}
          error={errors.text}
        />
        <TextInput
          label="Link to the document (optional)"
          hint="A web address starting with https://"
          id="documentUrl"
          name="documentUrl"
          type="url"
          spellCheck={false}
          defaultValue={values.documentUrl ?? ""}
          error={errors.documentUrl}
        />
        <Fieldset>
          <Fieldset.Legend size="m">Quorum</Fieldset.Legend>
          <TextInput
            label="Minimum number of voting members present"
            id="quorumMinimumVotingMembers"
            name="quorumMinimumVotingMembers"
            inputMode="numeric"
            width={3}
            defaultValue={values.quorumMinimumVotingMembers ?? ""}
            error={errors.quorumMinimumVotingMembers}
          />
          <p>Add any representation that must be among the voting members present. Leave rows you do not need blank.</p>
          {Array.from({ length: Math.min(rowCount, 20) }, (_, i) => (
            <RepresentationRow key={i} index={i} values={values} errors={errors} />
          ))}
        </Fieldset>
        <Button>{props.mode === "new" ? "Save draft" : "Save changes"}</Button>
      </form>
    </Layout>
  );
}

/** The form values for an existing draft. */
export function termsOfReferenceFormValues(row: TermsOfReferenceRow): Record<string, string> {
  const values: Record<string, string> = {
    versionLabel: row.versionLabel,
    text: row.text,
    documentUrl: row.documentUrl ?? "",
    quorumMinimumVotingMembers: String(row.quorumMinimumVotingMembers),
    version: String(row.version),
  };
  row.quorumRepresentation.forEach((r, i) => {
    values[representationFieldName(i, "description")] = r.description;
    values[representationFieldName(i, "minimum")] = String(r.minimum);
    values[representationFieldName(i, "criterion")] = r.criterion.type === "memberCategory" ? "memberCategory" : `organisationKind:${r.criterion.kind}`;
    values[representationFieldName(i, "category")] = r.criterion.type === "memberCategory" ? r.criterion.category : "";
  });
  return values;
}

/** The form to record that a body ratified a draft on a date. */
export function RatifyPage(props: {
  ctx: ViewContext;
  body: BodyRow;
  terms: TermsOfReferenceRow;
  inForce: TermsOfReferenceRow | null;
  bodies: BodyChoice[];
  values: Record<string, string>;
  errors: FieldErrors;
  conflict?: boolean;
}) {
  const { ctx, body, terms, values, errors } = props;
  const title = `Record the ratification of version ${terms.versionLabel}`;
  return (
    <Layout
      ctx={ctx}
      title={formTitle(title, errors)}
      beforeContent={<BackLink href={termsHref(body.id, terms.id)}>Back to version {terms.versionLabel}</BackLink>}
    >
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "ratifiedByBodyId")} />
      <span className="nhsuk-caption-l">{body.name}</span>
      <h1>{title}</h1>
      {props.conflict ? (
        <ConflictCallout heading="Someone else changed this draft first">
          <p>Check the draft again before you record its ratification.</p>
        </ConflictCallout>
      ) : null}
      {props.inForce ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            Version {props.inForce.versionLabel}, in force since {formatDate(props.inForce.ratifiedOn)}, will be marked as superseded. The text of version{" "}
            {terms.versionLabel} cannot be changed after this.
          </p>
        </div>
      ) : (
        <p>The text of version {terms.versionLabel} cannot be changed after this.</p>
      )}
      <form method="post" action={`${termsHref(body.id, terms.id)}/ratify`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? String(terms.version)} />
        <Select
          label="Ratified by"
          hint="The body that agreed these terms, for example the programme board"
          id="ratifiedByBodyId"
          name="ratifiedByBodyId"
          defaultValue={values.ratifiedByBodyId ?? ""}
          error={errors.ratifiedByBodyId}
        >
          <Select.Option value="">Select a body</Select.Option>
          {props.bodies.map((b) => (
            <Select.Option key={b.id} value={b.id}>
              {bodyTitle(b)}
            </Select.Option>
          ))}
        </Select>
        <NhsDate name="ratifiedOn" legend="Date of ratification" values={values} errors={errors} />
        <Button>Record ratification</Button>
      </form>
    </Layout>
  );
}

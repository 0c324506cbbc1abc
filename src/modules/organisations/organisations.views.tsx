import { Button, Checkboxes, Select, SummaryList, Table, Tag, TextInput } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, HistorySection, PageLinks, formTitle } from "../../platform/views/components.tsx";
import type { HistoryEntry } from "../../platform/audit/audit.ts";
import type { FieldErrors } from "../../platform/http/errors.ts";
import { ORGANISATION_KINDS, type OrganisationRow } from "./organisations.tables.ts";
import { ORGANISATION_KIND_LABELS } from "./organisations.schema.ts";
import { BackLink } from "../../platform/views/form-fields.tsx";

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  shortName: "Short name",
  kind: "Kind",
  odsCode: "ODS code",
  active: "Active",
  isExample: "Example data",
  archivedAt: "Archived",
};

export function OrganisationListPage(props: {
  ctx: ViewContext;
  rows: OrganisationRow[];
  page: number;
  hasNext: boolean;
  query: { q?: string | undefined; kind?: string | undefined; status?: string | undefined };
  canManage: boolean;
  canSeeArchived: boolean;
}) {
  const { ctx, rows, query } = props;
  return (
    <Layout ctx={ctx} title="Organisations">
      <h1>Organisations</h1>
      <p>The partner organisations of {ctx.partnershipName}.</p>
      {props.canManage ? (
        <p>
          <a className="nhsuk-button" href="/organisations/new" role="button" draggable="false">
            Add an organisation
          </a>
        </p>
      ) : null}
      <form method="get" action="/organisations" className="app-filter" role="search" aria-label="Filter organisations">
        <TextInput label="Name contains" id="q" name="q" defaultValue={query.q ?? ""} width={20} />
        <Select label="Kind" id="kind" name="kind" defaultValue={query.kind ?? ""}>
          <Select.Option value="">Any kind</Select.Option>
          {ORGANISATION_KINDS.map((k) => (
            <Select.Option key={k} value={k}>
              {ORGANISATION_KIND_LABELS[k]}
            </Select.Option>
          ))}
        </Select>
        {props.canSeeArchived ? (
          <Select label="Status" id="status" name="status" defaultValue={query.status ?? "active"}>
            <Select.Option value="active">Active</Select.Option>
            <Select.Option value="inactive">Inactive</Select.Option>
            <Select.Option value="archived">Archived</Select.Option>
            <Select.Option value="all">All</Select.Option>
          </Select>
        ) : null}
        <Button secondary>Filter</Button>
      </form>
      {rows.length === 0 ? (
        <p>{query.q || query.kind ? "No organisations match these filters." : "There are no organisations yet."}</p>
      ) : (
        <Table responsive caption="Organisations" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Name</Table.Cell>
              <Table.Cell>Kind</Table.Cell>
              <Table.Cell>ODS code</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((o) => (
              <Table.Row key={o.id}>
                <Table.Cell>
                  <a href={`/organisations/${o.id}`}>{o.name}</a> {o.shortName ? `(${o.shortName})` : ""} <OrganisationTags row={o} />
                </Table.Cell>
                <Table.Cell>{ORGANISATION_KIND_LABELS[o.kind]}</Table.Cell>
                <Table.Cell>{o.odsCode ?? ""}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <PageLinks page={props.page} hasNext={props.hasNext} baseQuery={query} />
    </Layout>
  );
}

function OrganisationTags({ row }: { row: OrganisationRow }) {
  return (
    <>
      {row.archivedAt ? <Tag color="grey">Archived</Tag> : !row.active ? <Tag color="grey">Inactive</Tag> : null}
      {row.isExample ? <Tag color="yellow">Example data</Tag> : null}
    </>
  );
}

export function OrganisationPage(props: { ctx: ViewContext; row: OrganisationRow; canManage: boolean; history: HistoryEntry[] | null }) {
  const { ctx, row } = props;
  return (
    <Layout ctx={ctx} title={row.name} beforeContent={<BackLink href="/organisations">Organisations</BackLink>}>
      <h1>
        {row.name} <OrganisationTags row={row} />
      </h1>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Short name</SummaryList.Key>
          <SummaryList.Value>{row.shortName ?? "None"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Kind</SummaryList.Key>
          <SummaryList.Value>{ORGANISATION_KIND_LABELS[row.kind]}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>ODS code</SummaryList.Key>
          <SummaryList.Value>
            {row.odsCode ?? "None"}
            {row.odsCode && row.isExample ? " (example)" : ""}
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Status</SummaryList.Key>
          <SummaryList.Value>{row.archivedAt ? "Archived" : row.active ? "Active" : "Inactive"}</SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
      {props.canManage ? (
        <div className="nhsuk-button-group">
          <a className="nhsuk-button" href={`/organisations/${row.id}/edit`} role="button" draggable="false">
            Edit<span className="nhsuk-u-visually-hidden"> {row.name}</span>
          </a>
          <form method="post" action={`/organisations/${row.id}/${row.archivedAt ? "restore" : "archive"}`} className="app-inline-form">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="version" value={row.version} />
            <Button secondary>{row.archivedAt ? "Restore" : "Archive"}</Button>
          </form>
        </div>
      ) : null}
      {props.history ? <HistorySection entries={props.history} labels={FIELD_LABELS} /> : null}
    </Layout>
  );
}

export function OrganisationFormPage(props: {
  ctx: ViewContext;
  mode: "new" | "edit";
  id?: string;
  values: Record<string, string>;
  errors: FieldErrors;
  /** When the save was refused because someone else saved first: their version. */
  conflict?: OrganisationRow | undefined;
}) {
  const { ctx, values, errors } = props;
  const title = props.mode === "new" ? "Add an organisation" : `Edit ${values.name || "organisation"}`;
  const action = props.mode === "new" ? "/organisations" : `/organisations/${props.id}`;
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href="/organisations">Organisations</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={{ _form: "name" }} />
      <h1>{title}</h1>
      {props.conflict ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Someone else saved this organisation first
            </span>
          </h2>
          <p>
            Their version is named “{props.conflict.name}” ({ORGANISATION_KIND_LABELS[props.conflict.kind]}). Your changes are below and have not been saved.
            Save again to replace their version with yours.
          </p>
        </div>
      ) : null}
      <form method="post" action={action} noValidate>
        <CsrfField token={ctx.csrfToken} />
        {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
        <TextInput label="Name" id="name" name="name" defaultValue={values.name ?? ""} error={errors.name} autoComplete="organization" spellCheck={false} />
        <TextInput
          label="Short name (optional)"
          hint="For example, “KMPT” or “Medway CCG”"
          id="shortName"
          name="shortName"
          defaultValue={values.shortName ?? ""}
          error={errors.shortName}
          width={20}
        />
        <Select label="Kind" id="kind" name="kind" defaultValue={values.kind ?? ""} error={errors.kind}>
          <Select.Option value="">Select a kind</Select.Option>
          {ORGANISATION_KINDS.map((k) => (
            <Select.Option key={k} value={k}>
              {ORGANISATION_KIND_LABELS[k]}
            </Select.Option>
          ))}
        </Select>
        <TextInput
          label="ODS code (optional)"
          hint="The NHS Organisation Data Service code, for example 09C"
          id="odsCode"
          name="odsCode"
          defaultValue={values.odsCode ?? ""}
          error={errors.odsCode}
          width={10}
        />
        <Checkboxes id="active" name="active">
          <Checkboxes.Item value="yes" defaultChecked={values.active === "yes"}>
            Active: the organisation still exists and takes part
          </Checkboxes.Item>
        </Checkboxes>
        <Button>{props.mode === "new" ? "Add organisation" : "Save changes"}</Button>
      </form>
    </Layout>
  );
}

/** The form values for an existing organisation. */
export function organisationFormValues(row: OrganisationRow): Record<string, string> {
  return {
    name: row.name,
    shortName: row.shortName ?? "",
    kind: row.kind,
    odsCode: row.odsCode ?? "",
    active: row.active ? "yes" : "",
    version: String(row.version),
  };
}

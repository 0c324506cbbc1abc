import { Button, InsetText, Radios, Select, SummaryList, Table, Tag, Textarea, TextInput, WarningCallout } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, HistorySection, formTitle, formatDate, formatDateTime } from "../../platform/views/components.tsx";
import { BackLink, NhsDate, dateParts } from "../../platform/views/form-fields.tsx";
import type { HistoryEntry } from "../../platform/audit/audit.ts";
import type { FieldErrors } from "../../platform/http/errors.ts";
import { MILESTONE_STATUSES, type MilestoneStatus, type ProductStatus } from "./milestones.tables.ts";
import type { ProductView, WorkstreamRef } from "./milestones.repository.ts";
import {
  DUE_WINDOWS,
  MILESTONE_HISTORY_LABELS,
  MILESTONE_STATUS_LABELS,
  PRODUCT_HISTORY_LABELS,
  PRODUCT_STATUS_LABELS,
  fieldIdFor,
} from "./milestones.schema.ts";
import { suggestsLate, type MilestoneDecisionEffect, type MilestoneSummary } from "./milestones.service.ts";
import { slippageLabel } from "./slippage.ts";

export const milestoneHref = (id: string) => `/milestones/${id}`;
export const productHref = (id: string) => `/products/${id}`;
export const workstreamMilestonesHref = (workstreamId: string) => `/workstreams/${workstreamId}/milestones`;

const STATUS_COLOURS: Record<MilestoneStatus, "grey" | "green" | "yellow" | "red" | "blue"> = {
  not_started: "grey",
  on_track: "green",
  at_risk: "yellow",
  late: "red",
  complete: "blue",
};

const PRODUCT_COLOURS: Record<ProductStatus, "grey" | "green"> = { planned: "grey", delivered: "green" };

export function MilestoneStatusTag({ status }: { status: MilestoneStatus }) {
  return <Tag modifier={STATUS_COLOURS[status]}>{MILESTONE_STATUS_LABELS[status]}</Tag>;
}

function summaryIds(errors: FieldErrors, fallback: string): Record<string, string> {
  return Object.fromEntries(Object.keys(errors).map((k) => [k, k === "_form" ? fallback : fieldIdFor(k)]));
}

const dateOrDash = (iso: string | null) => (iso ? formatDate(iso) : "Not set");

/** Milestones with their dates, status and slippage; the workstream column for portfolio lists. */
export function MilestoneTable({ rows, caption, showWorkstream = false }: { rows: MilestoneSummary[]; caption: string; showWorkstream?: boolean }) {
  return (
    <Table responsive caption={caption} captionProps={{ className: "nhsuk-u-visually-hidden" }}>
      <Table.Head>
        <Table.Row>
          <Table.Cell>Milestone</Table.Cell>
          {showWorkstream ? <Table.Cell>Workstream</Table.Cell> : null}
          <Table.Cell>Baseline</Table.Cell>
          <Table.Cell>Forecast</Table.Cell>
          <Table.Cell>Achieved</Table.Cell>
          <Table.Cell>Status</Table.Cell>
          <Table.Cell>Slippage</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rows.map((m) => (
          <Table.Row key={m.id}>
            <Table.Cell>
              <a href={milestoneHref(m.id)}>{m.title}</a>
            </Table.Cell>
            {showWorkstream ? (
              <Table.Cell>
                <a href={workstreamMilestonesHref(m.workstream.id)}>{m.workstream.name}</a>
              </Table.Cell>
            ) : null}
            <Table.Cell>{formatDate(m.baselineOn)}</Table.Cell>
            <Table.Cell>{dateOrDash(m.forecastOn)}</Table.Cell>
            <Table.Cell>{dateOrDash(m.actualOn)}</Table.Cell>
            <Table.Cell>
              <MilestoneStatusTag status={m.status} />
            </Table.Cell>
            <Table.Cell>{slippageLabel(m.slippageDays)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

function ProductTable({ rows }: { rows: ProductView[] }) {
  return (
    <Table responsive caption="Products" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
      <Table.Head>
        <Table.Row>
          <Table.Cell>Product</Table.Cell>
          <Table.Cell>Status</Table.Cell>
          <Table.Cell>Planned or delivered</Table.Cell>
          <Table.Cell>Evidence</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rows.map((p) => (
          <Table.Row key={p.id}>
            <Table.Cell>
              <a href={productHref(p.id)}>{p.title}</a>
            </Table.Cell>
            <Table.Cell>
              <Tag modifier={PRODUCT_COLOURS[p.status]}>{PRODUCT_STATUS_LABELS[p.status]}</Tag>
            </Table.Cell>
            <Table.Cell>
              {p.status === "delivered" ? `Delivered ${formatDate(p.deliveredOn)}` : p.plannedOn ? `Planned for ${formatDate(p.plannedOn)}` : "No date"}
            </Table.Cell>
            <Table.Cell>
              {p.evidenceUrl ? (
                <a href={p.evidenceUrl} rel="noopener noreferrer">
                  Evidence<span className="nhsuk-u-visually-hidden"> of delivery: {p.title}</span>
                </a>
              ) : (
                "None"
              )}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

// ---------------------------------------------------------------------------------------------
// A workstream's milestones and products

export function WorkstreamMilestonesPage(props: {
  ctx: ViewContext;
  workstream: WorkstreamRef;
  milestones: MilestoneSummary[];
  products: ProductView[];
  canEdit: boolean;
}) {
  const { ctx, workstream: ws } = props;
  return (
    <Layout ctx={ctx} title={`Milestones and products: ${ws.name}`} beforeContent={<BackLink href={`/workstreams/${ws.id}`}>{ws.name}</BackLink>}>
      <span className="nhsuk-caption-l">{ws.name}</span>
      <h1>Milestones and products</h1>
      <section aria-labelledby="milestones-heading">
        <h2 id="milestones-heading">Milestones</h2>
        <p>Slippage is the days between the baseline date and the date achieved or, until then, the forecast date.</p>
        {props.canEdit ? (
          <p>
            <a className="nhsuk-button" href={`/milestones/new?workstreamId=${ws.id}`} role="button" draggable="false">
              Add a milestone
            </a>
          </p>
        ) : null}
        {props.milestones.length === 0 ? (
          <p>No milestones have been recorded.</p>
        ) : (
          <MilestoneTable rows={props.milestones} caption={`Milestones of ${ws.name}`} />
        )}
        <ul className="nhsuk-list">
          <li>
            <a href={`/workstreams/${ws.slug}/milestones.xlsx`} download>
              Export (XLSX)
            </a>
          </li>
          <li>
            <a href={`/workstreams/${ws.slug}/milestones.csv`} download>
              Export (CSV)
            </a>
          </li>
          {props.canEdit ? (
            <li>
              <a href={`/workstreams/${ws.slug}/milestones/import`}>Import milestones</a>
            </li>
          ) : null}
        </ul>
      </section>
      <section aria-labelledby="products-heading">
        <h2 id="products-heading">Products</h2>
        {props.canEdit ? (
          <p>
            <a className="nhsuk-button nhsuk-button--secondary" href={`/products/new?workstreamId=${ws.id}`} role="button" draggable="false">
              Add a product
            </a>
          </p>
        ) : null}
        {props.products.length === 0 ? <p>No products have been recorded.</p> : <ProductTable rows={props.products} />}
      </section>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// The portfolio view

export function PortfolioMilestonesPage(props: {
  ctx: ViewContext;
  late: MilestoneSummary[];
  due: MilestoneSummary[];
  within: number;
  workstreamId: string | undefined;
  workstreams: { id: string; name: string }[];
  today: string;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Milestones across the portfolio">
      <h1>Milestones across the portfolio</h1>
      <p>Late milestones, and those due soon, in every workstream. Dates are the forecast date, or the baseline where nothing is forecast.</p>
      <form method="get" action="/milestones" className="app-filter" role="search" aria-label="Filter milestones">
        <Select label="Workstream" id="workstreamId" name="workstreamId" defaultValue={props.workstreamId ?? ""}>
          <Select.Option value="">Every workstream</Select.Option>
          {props.workstreams.map((w) => (
            <Select.Option key={w.id} value={w.id}>
              {w.name}
            </Select.Option>
          ))}
        </Select>
        <Select label="Due within" id="within" name="within" defaultValue={String(props.within)}>
          {DUE_WINDOWS.map((d) => (
            <Select.Option key={d} value={String(d)}>
              {`the next ${d} days`}
            </Select.Option>
          ))}
        </Select>
        <Button secondary>Filter</Button>
      </form>
      <section aria-labelledby="late-heading">
        <h2 id="late-heading">Late</h2>
        {props.late.length === 0 ? (
          <p>No milestones are late.</p>
        ) : (
          <MilestoneTable rows={props.late} caption={`Late milestones as of ${formatDate(props.today)}`} showWorkstream />
        )}
      </section>
      <section aria-labelledby="due-heading">
        <h2 id="due-heading">Due in the next {props.within} days</h2>
        {props.due.length === 0 ? (
          <p>No milestones are due in the next {props.within} days.</p>
        ) : (
          <MilestoneTable rows={props.due} caption={`Milestones due in the next ${props.within} days`} showWorkstream />
        )}
      </section>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// One milestone

export function MilestonePage(props: {
  ctx: ViewContext;
  milestone: MilestoneSummary;
  effects: MilestoneDecisionEffect[];
  history: HistoryEntry[] | null;
  canEdit: boolean;
}) {
  const { ctx, milestone: m } = props;
  return (
    <Layout
      ctx={ctx}
      title={`Milestone: ${m.title}`}
      beforeContent={<BackLink href={workstreamMilestonesHref(m.workstream.id)}>Milestones of {m.workstream.name}</BackLink>}
    >
      <span className="nhsuk-caption-l">Milestone of {m.workstream.name}</span>
      <h1>{m.title}</h1>
      <p>
        <MilestoneStatusTag status={m.status} /> {slippageLabel(m.slippageDays)}
      </p>
      {m.description ? <p>{m.description}</p> : null}
      {props.canEdit && suggestsLate(m) ? (
        <InsetText>
          <p>The forecast date is after the baseline. Consider marking this milestone as late.</p>
        </InsetText>
      ) : null}
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Baseline date</SummaryList.Key>
          <SummaryList.Value>{formatDate(m.baselineOn)}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Forecast date</SummaryList.Key>
          <SummaryList.Value>{dateOrDash(m.forecastOn)}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Date achieved</SummaryList.Key>
          <SummaryList.Value>{m.actualOn ? formatDate(m.actualOn) : "Not yet achieved"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Slippage</SummaryList.Key>
          <SummaryList.Value>{slippageLabel(m.slippageDays)}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Workstream</SummaryList.Key>
          <SummaryList.Value>
            <a href={`/workstreams/${m.workstream.id}`}>{m.workstream.name}</a>
          </SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
      {props.canEdit ? (
        <p>
          <a href={`/milestones/${m.id}/edit`}>
            Change this milestone<span className="nhsuk-u-visually-hidden">: {m.title}</span>
          </a>
        </p>
      ) : null}
      <section aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">Decisions that changed it</h2>
        {props.effects.length === 0 ? (
          <p>No decisions have been recorded against this milestone.</p>
        ) : (
          <ul className="nhsuk-list nhsuk-list--bullet">
            {props.effects.map((e, i) => (
              <li key={`${e.decisionId}-${i}`}>
                <a href={`/decisions/${e.decisionId}`}>{e.decisionText}</a> ({formatDate(e.decidedOn)}){e.note ? `: ${e.note}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      {props.history ? <HistorySection entries={props.history} labels={MILESTONE_HISTORY_LABELS} /> : null}
      <p className="nhsuk-body-s">Last changed {formatDateTime(m.updatedAt)}.</p>
    </Layout>
  );
}

/** The form values of an existing milestone. */
export function milestoneFormValues(m: MilestoneSummary): Record<string, string> {
  return {
    title: m.title,
    description: m.description,
    status: m.status,
    ...dateParts("baselineOn", m.baselineOn),
    ...dateParts("forecastOn", m.forecastOn),
    ...dateParts("actualOn", m.actualOn),
    version: String(m.version),
  };
}

export function MilestoneFormPage(props: {
  ctx: ViewContext;
  workstream: WorkstreamRef;
  /** The milestone being changed; absent when adding one. */
  milestone?: MilestoneSummary | undefined;
  values: Record<string, string>;
  errors: FieldErrors;
  decisions: { id: string; text: string; decidedOn: string }[];
  conflict?: MilestoneSummary | undefined;
}) {
  const { ctx, workstream: ws, milestone: m, values, errors } = props;
  const title = m ? "Change a milestone" : "Add a milestone";
  const back = m ? { href: milestoneHref(m.id), text: "Back to the milestone" } : { href: workstreamMilestonesHref(ws.id), text: `Milestones of ${ws.name}` };
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={back.href}>{back.text}</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "title")} />
      <span className="nhsuk-caption-l">{ws.name}</span>
      <h1>{title}</h1>
      {props.conflict ? (
        <WarningCallout>
          <WarningCallout.Heading headingLevel="h2">Someone else changed this milestone first</WarningCallout.Heading>
          <p>
            Their version: “{props.conflict.title}”, {MILESTONE_STATUS_LABELS[props.conflict.status]}, forecast {dateOrDash(props.conflict.forecastOn)}. Your
            changes are below and have not been saved. Save again to replace their version with yours.
          </p>
        </WarningCallout>
      ) : null}
      <form method="post" action={m ? `/milestones/${m.id}` : "/milestones"} noValidate>
        <CsrfField token={ctx.csrfToken} />
        {m ? <input type="hidden" name="version" value={values.version ?? String(m.version)} /> : <input type="hidden" name="workstreamId" value={ws.id} />}
        <TextInput label="Title" id="title" name="title" defaultValue={values.title ?? ""} error={errors.title} />
        <Textarea
          label="Description (optional)"
          id="description"
          name="description"
          rows={3}
          defaultValue={values.description ?? ""}
          error={errors.description}
        />
        <NhsDate name="baselineOn" legend="Baseline date" hint="The date first agreed. For example, 31 5 2018" values={values} errors={errors} />
        <NhsDate
          name="forecastOn"
          legend="Forecast date (optional)"
          hint="The date now expected. Needed when the milestone is at risk or late. For example, 30 6 2018"
          values={values}
          errors={errors}
        />
        <Radios
          id="status"
          name="status"
          legend="Status"
          legendProps={{ size: "s" }}
          error={errors.status}
          hint="Mark it late when the forecast is after the baseline and the board should know"
        >
          {MILESTONE_STATUSES.map((s) => (
            <Radios.Item key={s} value={s} defaultChecked={(values.status ?? "not_started") === s}>
              {MILESTONE_STATUS_LABELS[s]}
            </Radios.Item>
          ))}
        </Radios>
        <NhsDate
          name="actualOn"
          legend="Date achieved"
          hint="Only for a complete milestone; today or earlier. For example, 2 7 2018"
          values={values}
          errors={errors}
        />
        {m ? (
          <Select
            label="Decision that agreed this change (optional)"
            hint="When the baseline, forecast or status changes because a board decided it. The decision's page will show the change."
            id="decisionId"
            name="decisionId"
            defaultValue={values.decisionId ?? ""}
            error={errors.decisionId}
          >
            <Select.Option value="">None</Select.Option>
            {props.decisions.map((d) => (
              <Select.Option key={d.id} value={d.id}>
                {`${formatDate(d.decidedOn)}: ${d.text.length > 90 ? `${d.text.slice(0, 87)}…` : d.text}`}
              </Select.Option>
            ))}
          </Select>
        ) : null}
        <Button>{m ? "Save changes" : "Add milestone"}</Button>
      </form>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Products

export function ProductPage(props: { ctx: ViewContext; product: ProductView; history: HistoryEntry[] | null; canEdit: boolean }) {
  const { ctx, product: p } = props;
  return (
    <Layout
      ctx={ctx}
      title={`Product: ${p.title}`}
      beforeContent={<BackLink href={workstreamMilestonesHref(p.workstream.id)}>Products of {p.workstream.name}</BackLink>}
    >
      <span className="nhsuk-caption-l">Product of {p.workstream.name}</span>
      <h1>{p.title}</h1>
      <p>
        <Tag modifier={PRODUCT_COLOURS[p.status]}>{PRODUCT_STATUS_LABELS[p.status]}</Tag>
      </p>
      {p.description ? <p>{p.description}</p> : null}
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Planned date</SummaryList.Key>
          <SummaryList.Value>{dateOrDash(p.plannedOn)}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Date delivered</SummaryList.Key>
          <SummaryList.Value>{p.deliveredOn ? formatDate(p.deliveredOn) : "Not yet delivered"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Evidence</SummaryList.Key>
          <SummaryList.Value>
            {p.evidenceUrl ? (
              <a href={p.evidenceUrl} rel="noopener noreferrer">
                {p.evidenceUrl}
              </a>
            ) : (
              "None given"
            )}
          </SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
      {props.canEdit ? (
        <ul className="nhsuk-list">
          <li>
            <a href={`/products/${p.id}/edit`}>
              Change this product<span className="nhsuk-u-visually-hidden">: {p.title}</span>
            </a>
          </li>
          <li>
            <a href={`/products/${p.id}/deliver`}>{p.status === "delivered" ? "Change the delivery date or evidence" : "Mark as delivered"}</a>
          </li>
        </ul>
      ) : null}
      {props.history ? <HistorySection entries={props.history} labels={PRODUCT_HISTORY_LABELS} /> : null}
      <p className="nhsuk-body-s">Last changed {formatDateTime(p.updatedAt)}.</p>
    </Layout>
  );
}

export function productFormValues(p: ProductView): Record<string, string> {
  return { title: p.title, description: p.description, ...dateParts("plannedOn", p.plannedOn), version: String(p.version) };
}

export function productDeliveredValues(p: ProductView, today: string): Record<string, string> {
  return { ...dateParts("deliveredOn", p.deliveredOn ?? today), evidenceUrl: p.evidenceUrl ?? "", version: String(p.version) };
}

function ProductConflict({ current }: { current: ProductView | undefined }) {
  if (!current) return null;
  return (
    <WarningCallout>
      <WarningCallout.Heading headingLevel="h2">Someone else changed this product first</WarningCallout.Heading>
      <p>
        Their version: “{current.title}”, {PRODUCT_STATUS_LABELS[current.status]}
        {current.deliveredOn ? `, delivered ${formatDate(current.deliveredOn)}` : ""}. Your changes are below and have not been saved. Save again to replace
        their version with yours.
      </p>
    </WarningCallout>
  );
}

export function ProductFormPage(props: {
  ctx: ViewContext;
  workstream: WorkstreamRef;
  product?: ProductView | undefined;
  values: Record<string, string>;
  errors: FieldErrors;
  conflict?: ProductView | undefined;
}) {
  const { ctx, workstream: ws, product: p, values, errors } = props;
  const title = p ? "Change a product" : "Add a product";
  const back = p ? { href: productHref(p.id), text: "Back to the product" } : { href: workstreamMilestonesHref(ws.id), text: `Products of ${ws.name}` };
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={back.href}>{back.text}</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "title")} />
      <span className="nhsuk-caption-l">{ws.name}</span>
      <h1>{title}</h1>
      <ProductConflict current={props.conflict} />
      <form method="post" action={p ? `/products/${p.id}` : "/products"} noValidate>
        <CsrfField token={ctx.csrfToken} />
        {p ? <input type="hidden" name="version" value={values.version ?? String(p.version)} /> : <input type="hidden" name="workstreamId" value={ws.id} />}
        <TextInput
          label="Title"
          hint="A service, an event, a workbook: what the workstream delivers"
          id="title"
          name="title"
          defaultValue={values.title ?? ""}
          error={errors.title}
        />
        <Textarea
          label="Description (optional)"
          id="description"
          name="description"
          rows={3}
          defaultValue={values.description ?? ""}
          error={errors.description}
        />
        <NhsDate name="plannedOn" legend="Planned date (optional)" values={values} errors={errors} />
        <Button>{p ? "Save changes" : "Add product"}</Button>
      </form>
    </Layout>
  );
}

export function ProductDeliverPage(props: {
  ctx: ViewContext;
  product: ProductView;
  values: Record<string, string>;
  errors: FieldErrors;
  conflict?: ProductView | undefined;
}) {
  const { ctx, product: p, values, errors } = props;
  const title = "Mark a product as delivered";
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={productHref(p.id)}>Back to the product</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "deliveredOn-day")} />
      <span className="nhsuk-caption-l">{p.title}</span>
      <h1>{title}</h1>
      <ProductConflict current={props.conflict} />
      <form method="post" action={`/products/${p.id}/deliver`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? String(p.version)} />
        <NhsDate name="deliveredOn" legend="Date delivered" hint="Today or earlier. For example, 13 3 2018" values={values} errors={errors} />
        <TextInput
          label="Link to the evidence (optional)"
          hint="A web address starting https:// or http://: a report, a web page, a paper"
          id="evidenceUrl"
          name="evidenceUrl"
          type="url"
          spellCheck={false}
          defaultValue={values.evidenceUrl ?? ""}
          error={errors.evidenceUrl}
        />
        <Button>Mark as delivered</Button>
      </form>
    </Layout>
  );
}

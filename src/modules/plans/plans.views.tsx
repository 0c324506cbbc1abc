import type { ReactNode } from "react";
import { Button, InsetText, Radios, Select, SummaryList, Tag, Textarea, TextInput } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, HistorySection, ScrollRegion, formTitle, formatDate } from "../../platform/views/components.tsx";
import { Variance } from "../../platform/views/money.tsx";
import { BackLink, ConflictCallout, NhsDate } from "../../platform/views/form-fields.tsx";
import type { HistoryEntry } from "../../platform/audit/audit.ts";
import type { FieldErrors } from "../../platform/http/errors.ts";
import { formatPence, penceToPoundsText } from "../../platform/money.ts";
import type { BudgetTotals, MonthFigures } from "./budget-arithmetic.ts";
import { financialYearLabel, monthLabel } from "./financial-year.ts";
import type { WorkstreamRef } from "./plans.repository.ts";
import { BUDGET_LINE_KIND_LABELS, PLAN_STATUS_LABELS, fieldIdFor, monthFieldName, type MonthField } from "./plans.schema.ts";
import type { BudgetSummary, LineWithMonths, PlanDetail } from "./plans.service.ts";
import { BUDGET_LINE_KINDS, type BudgetLineRow, type PlanRow, type PlanStatus } from "./plans.tables.ts";
import { BudgetBarChart } from "./plans.chart.tsx";
import { PLAN_HISTORY_LABELS } from "./plans.presenter.ts";

export const planHref = (id: string) => `/plans/${id}`;
export const workstreamPlansHref = (workstreamId: string) => `/workstreams/${workstreamId}/plans`;

/** A decision offered as the one that approved a plan. */
export interface DecisionChoice {
  id: string;
  text: string;
  decidedOn: string;
}

const STATUS_COLOURS: Record<PlanStatus, "grey" | "blue" | "green" | "white"> = {
  draft: "grey",
  submitted: "blue",
  approved: "green",
  revised: "white",
};

function summaryIds(errors: FieldErrors, fallback: string): Record<string, string> {
  return Object.fromEntries(Object.keys(errors).map((k) => [k, k === "_form" ? fallback : fieldIdFor(k)]));
}

function Paragraphs({ text, empty }: { text: string; empty: string }) {
  const parts = text.split(/\n\s*\n|\n/).filter((p) => p.trim() !== "");
  if (parts.length === 0) return <p>{empty}</p>;
  return (
    <>
      {parts.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </>
  );
}

/** The plan's status tag, with "Example" beside it for illustrative figures. */
export function PlanStatusTags({ plan }: { plan: Pick<PlanRow, "status" | "isExample"> }) {
  return (
    <>
      <Tag modifier={STATUS_COLOURS[plan.status]}>{PLAN_STATUS_LABELS[plan.status]}</Tag>
      {plan.isExample ? (
        <>
          {" "}
          <Tag modifier="yellow">Example figures</Tag>
        </>
      ) : null}
    </>
  );
}

const money = (pence: number) => formatPence(pence);
const th = "nhsuk-table__header";
const thNum = "nhsuk-table__header nhsuk-table__header--numeric";
const td = "nhsuk-table__cell";
const tdNum = "nhsuk-table__cell nhsuk-table__cell--numeric";

function TotalsCells({ totals, bold = false }: { totals: BudgetTotals; bold?: boolean }) {
  const wrap = (node: ReactNode) => (bold ? <strong>{node}</strong> : node);
  return (
    <>
      <td className={tdNum}>{wrap(money(totals.plannedPence))}</td>
      <td className={tdNum}>{wrap(money(totals.actualToDatePence))}</td>
      <td className={tdNum}>{wrap(money(totals.forecastOutturnPence))}</td>
      <td className={tdNum}>{wrap(<Variance pence={totals.variancePence} />)}</td>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// A workstream's plans

/** Every plan of a workstream the viewer may see, by year, with status and revision. */
export function WorkstreamPlansPage(props: { ctx: ViewContext; workstream: WorkstreamRef; plans: PlanRow[]; startMonth: number; canEdit: boolean }) {
  const { ctx, workstream, plans } = props;
  return (
    <Layout ctx={ctx} title={`Plans: ${workstream.name}`} beforeContent={<BackLink href={`/workstreams/${workstream.id}`}>{workstream.name}</BackLink>}>
      <span className="nhsuk-caption-l">{workstream.name}</span>
      <h1>Annual plans and budgets</h1>
      <p>
        Each financial year (April to March) the workstream plans its objectives, products and budget; the board approves the plan, and earlier versions are
        kept when it is revised.
      </p>
      {props.canEdit ? (
        <p>
          <a className="nhsuk-button" href={`${workstreamPlansHref(workstream.id)}/new`} role="button" draggable="false">
            Start a plan
          </a>
        </p>
      ) : null}
      {plans.length === 0 ? (
        <p>There are no plans to show yet.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Plans of {workstream.name}</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className={th}>
                Financial year
              </th>
              <th scope="col" className={th}>
                Revision
              </th>
              <th scope="col" className={th}>
                Status
              </th>
              <th scope="col" className={th}>
                Approved
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {plans.map((p) => (
              <tr key={p.id} className="nhsuk-table__row">
                <td className={td}>
                  <a href={planHref(p.id)}>
                    {financialYearLabel(p.financialYear, props.startMonth)}
                    <span className="nhsuk-u-visually-hidden"> plan, revision {p.revision}</span>
                  </a>
                </td>
                <td className={td}>{p.revision}</td>
                <td className={td}>
                  <PlanStatusTags plan={p} />
                </td>
                <td className={td}>{p.approvedOn ? formatDate(p.approvedOn) : "Not approved"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Start or edit a plan

export type PlanFormPlacement = { kind: "new"; workstream: WorkstreamRef; years: number[] } | { kind: "edit"; plan: PlanRow; workstream: WorkstreamRef };

/** The form to start a plan (choosing its year) or change a draft plan's objectives and products. */
export function PlanFormPage(props: {
  ctx: ViewContext;
  placement: PlanFormPlacement;
  startMonth: number;
  values: Record<string, string>;
  errors: FieldErrors;
  conflict?: PlanRow | undefined;
}) {
  const { ctx, placement, values, errors } = props;
  const isNew = placement.kind === "new";
  const workstream = placement.workstream;
  const heading = isNew ? "Start a plan" : `Edit the ${financialYearLabel(placement.plan.financialYear, props.startMonth)} plan`;
  const back = isNew ? workstreamPlansHref(workstream.id) : planHref(placement.plan.id);
  return (
    <Layout ctx={ctx} title={formTitle(`${heading}: ${workstream.name}`, errors)} beforeContent={<BackLink href={back}>Back</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, isNew ? "financialYear" : "objectives")} />
      {props.conflict ? (
        <ConflictCallout heading="Someone else changed this plan while you were editing it">
          <p>
            The saved plan now has these objectives: “{props.conflict.objectives || "(none)"}”. Your changes are below and have not been saved; check them and
            save again to replace the saved version.
          </p>
        </ConflictCallout>
      ) : null}
      <span className="nhsuk-caption-l">{workstream.name}</span>
      <h1>{heading}</h1>
      <form method="post" action={isNew ? workstreamPlansHref(workstream.id) : planHref(placement.plan.id)} noValidate>
        <CsrfField token={ctx.csrfToken} />
        {isNew ? (
          <Select
            label="Financial year"
            hint="April to March"
            id="financialYear"
            name="financialYear"
            defaultValue={values.financialYear ?? ""}
            error={errors.financialYear}
          >
            <Select.Option value="">Select a year</Select.Option>
            {placement.years.map((y) => (
              <Select.Option key={y} value={String(y)}>
                {financialYearLabel(y, props.startMonth)}
              </Select.Option>
            ))}
          </Select>
        ) : (
          <input type="hidden" name="version" value={values.version ?? String(placement.plan.version)} />
        )}
        <Textarea
          label="Objectives"
          hint="What the workstream will achieve this year"
          id="objectives"
          name="objectives"
          rows={6}
          defaultValue={values.objectives ?? ""}
          error={errors.objectives}
        />
        <Textarea
          label="Planned products"
          hint="The products the workstream plans to deliver this year, one a line"
          id="plannedProducts"
          name="plannedProducts"
          rows={6}
          defaultValue={values.plannedProducts ?? ""}
          error={errors.plannedProducts}
        />
        <Button>{isNew ? "Start the plan" : "Save changes"}</Button>
      </form>
    </Layout>
  );
}

export const planFormValues = (plan: PlanRow): Record<string, string> => ({
  objectives: plan.objectives,
  plannedProducts: plan.plannedProducts,
  version: String(plan.version),
});

// ---------------------------------------------------------------------------------------------
// The plan page

function TotalsHead({ first }: { first: string }) {
  return (
    <thead className="nhsuk-table__head">
      <tr className="nhsuk-table__row">
        <th scope="col" className={th}>
          {first}
        </th>
        <th scope="col" className={thNum}>
          Planned
        </th>
        <th scope="col" className={thNum}>
          Actual to date
        </th>
        <th scope="col" className={thNum}>
          Forecast outturn
        </th>
        <th scope="col" className={thNum}>
          Variance
        </th>
      </tr>
    </thead>
  );
}

function BudgetLinesTable({ detail, canChangeLines, canReport }: { detail: PlanDetail; canChangeLines: boolean; canReport: boolean }) {
  return (
    <ScrollRegion label="Budget lines">
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">Budget lines</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className={th}>
              Line
            </th>
            <th scope="col" className={th}>
              Kind
            </th>
            <th scope="col" className={th}>
              Funding source
            </th>
            <th scope="col" className={thNum}>
              Planned
            </th>
            <th scope="col" className={thNum}>
              Actual to date
            </th>
            <th scope="col" className={thNum}>
              Forecast outturn
            </th>
            <th scope="col" className={thNum}>
              Variance
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {detail.lines.map((l) => (
            <tr key={l.line.id} className="nhsuk-table__row">
              <th scope="row" className={th}>
                {l.line.description}
                {canChangeLines || canReport ? (
                  <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-font-weight-normal">
                    <a href={`/budget-lines/${l.line.id}/months`}>
                      Monthly figures<span className="nhsuk-u-visually-hidden"> for {l.line.description}</span>
                    </a>
                    {canChangeLines ? (
                      <>
                        {" · "}
                        <a href={`/budget-lines/${l.line.id}/edit`}>
                          Change<span className="nhsuk-u-visually-hidden"> {l.line.description}</span>
                        </a>
                      </>
                    ) : null}
                  </span>
                ) : null}
              </th>
              <td className={td}>{BUDGET_LINE_KIND_LABELS[l.line.kind]}</td>
              <td className={td}>{l.line.fundingSource}</td>
              <TotalsCells totals={l.totals} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          {BUDGET_LINE_KINDS.map((kind) => (
            <tr key={kind} className="nhsuk-table__row">
              <th scope="row" colSpan={3} className={th}>
                Total {BUDGET_LINE_KIND_LABELS[kind].toLowerCase()}
              </th>
              <TotalsCells totals={detail.totalsByKind[kind]} />
            </tr>
          ))}
          <tr className="nhsuk-table__row">
            <th scope="row" colSpan={3} className={th}>
              Total budget
            </th>
            <TotalsCells totals={detail.totals} bold />
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}

/** Months down, planned / actual / forecast across: one line's months, or the whole plan's. */
function MonthGrid({ caption, months, hiddenCaption = false }: { caption: string; months: MonthFigures[]; hiddenCaption?: boolean }) {
  const figure = (pence: number | null) => (pence === null ? <span className="nhsuk-u-secondary-text-color">Not entered</span> : money(pence));
  return (
    <ScrollRegion label={caption}>
      <table className="nhsuk-table">
        <caption className={`nhsuk-table__caption${hiddenCaption ? " nhsuk-u-visually-hidden" : ""}`}>{caption}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className={th}>
              Month
            </th>
            <th scope="col" className={thNum}>
              Planned
            </th>
            <th scope="col" className={thNum}>
              Actual
            </th>
            <th scope="col" className={thNum}>
              Forecast
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {months.map((m) => (
            <tr key={m.month} className="nhsuk-table__row">
              <th scope="row" className={th}>
                {monthLabel(m.month)}
              </th>
              <td className={tdNum}>{money(m.plannedPence)}</td>
              <td className={tdNum}>{figure(m.actualPence)}</td>
              <td className={tdNum}>{figure(m.forecastPence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function Details({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{summary}</span>
      </summary>
      <div className="nhsuk-details__text">{children}</div>
    </details>
  );
}

function VersionButton({
  action,
  version,
  csrf,
  label,
  secondary = true,
}: {
  action: string;
  version: number;
  csrf: string;
  label: string;
  secondary?: boolean;
}) {
  return (
    <form method="post" action={action} className="nhsuk-u-margin-bottom-3 app-inline-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="version" value={String(version)} />
      <Button secondary={secondary}>{label}</Button>
    </form>
  );
}

/** One plan: objectives, products, budget lines with totals and month grids, status and its controls, versions, history. */
export function PlanPage(props: {
  ctx: ViewContext;
  detail: PlanDetail;
  startMonth: number;
  decision: { id: string; text: string; decidedOn: string } | null;
  canEdit: boolean;
  canGovern: boolean;
  history: HistoryEntry[] | null;
  /** A status change refused because someone else changed the plan first. */
  conflict?: boolean;
}) {
  const { ctx, detail, startMonth } = props;
  const { plan, workstream } = detail;
  const year = financialYearLabel(plan.financialYear, startMonth);
  const draft = plan.status === "draft";
  const current = plan.status !== "revised";
  const csrf = ctx.csrfToken;
  const others = detail.revisions.filter((r) => r.id !== plan.id);
  return (
    <Layout
      ctx={ctx}
      title={`${year} plan (revision ${plan.revision}): ${workstream.name}`}
      beforeContent={<BackLink href={workstreamPlansHref(workstream.id)}>Plans of {workstream.name}</BackLink>}
    >
      {props.conflict ? (
        <ConflictCallout heading="Someone else changed this plan first">
          <p>The plan below is as they left it. Your change has not been made; check the plan and try again.</p>
        </ConflictCallout>
      ) : null}
      <span className="nhsuk-caption-l">{workstream.name}</span>
      <h1>
        Plan for {year}
        {plan.revision > 1 ? `, revision ${plan.revision}` : ""}
      </h1>
      <p>
        <PlanStatusTags plan={plan} />
      </p>
      {plan.status === "revised" ? (
        <InsetText>
          <p>This is an earlier version of the plan, kept as it was approved. {others.length > 0 ? "Later versions are listed below." : ""}</p>
        </InsetText>
      ) : null}
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Financial year</SummaryList.Key>
          <SummaryList.Value>
            {year} ({monthLabel(detail.months[0]?.month ?? `${plan.financialYear}-04-01`)} to{" "}
            {monthLabel(detail.months[11]?.month ?? `${plan.financialYear + 1}-03-01`)})
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Status</SummaryList.Key>
          <SummaryList.Value>{PLAN_STATUS_LABELS[plan.status]}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Revision</SummaryList.Key>
          <SummaryList.Value>{plan.revision}</SummaryList.Value>
        </SummaryList.Row>
        {plan.approvedOn ? (
          <SummaryList.Row>
            <SummaryList.Key>Approved</SummaryList.Key>
            <SummaryList.Value>
              {formatDate(plan.approvedOn)}
              {props.decision ? (
                <>
                  {" by "}
                  <a href={`/decisions/${props.decision.id}`}>the decision of {formatDate(props.decision.decidedOn)}</a>: “{props.decision.text}”
                </>
              ) : null}
            </SummaryList.Value>
          </SummaryList.Row>
        ) : null}
        <SummaryList.Row>
          <SummaryList.Key>Total budget</SummaryList.Key>
          <SummaryList.Value>
            {money(detail.totals.plannedPence)} planned; forecast outturn {money(detail.totals.forecastOutturnPence)} (variance{" "}
            <Variance pence={detail.totals.variancePence} />)
          </SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>

      {props.canEdit || props.canGovern ? (
        <div className="nhsuk-u-margin-bottom-5">
          {props.canEdit && draft ? (
            <>
              <a className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-right-3" href={`${planHref(plan.id)}/edit`} role="button" draggable="false">
                Edit objectives and products
              </a>
              <a
                className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-right-3"
                href={`${planHref(plan.id)}/budget-lines/new`}
                role="button"
                draggable="false"
              >
                Add a budget line
              </a>
              <VersionButton action={`${planHref(plan.id)}/submit`} version={plan.version} csrf={csrf} label="Submit for approval" secondary={false} />
            </>
          ) : null}
          {props.canGovern && plan.status === "submitted" ? (
            <>
              <a className="nhsuk-button nhsuk-u-margin-right-3" href={`${planHref(plan.id)}/approve`} role="button" draggable="false">
                Approve the plan
              </a>
              <VersionButton action={`${planHref(plan.id)}/return`} version={plan.version} csrf={csrf} label="Return to draft" />
            </>
          ) : null}
          {props.canEdit && plan.status === "approved" ? (
            <VersionButton action={`${planHref(plan.id)}/revise`} version={plan.version} csrf={csrf} label="Revise the plan" />
          ) : null}
        </div>
      ) : null}

      <h2>Objectives</h2>
      <Paragraphs text={plan.objectives} empty="No objectives have been written yet." />
      <h2>Planned products</h2>
      <Paragraphs text={plan.plannedProducts} empty="No products have been planned yet." />

      <h2 id="budget-heading">Budget</h2>
      <p>
        Forecast outturn is each month’s actual where entered, else its forecast, else its planned amount. Variance is forecast outturn minus planned: a
        positive variance is an overspend.
      </p>
      {detail.lines.length === 0 ? (
        <p>This plan has no budget lines yet.</p>
      ) : (
        <BudgetLinesTable detail={detail} canChangeLines={props.canEdit && draft} canReport={props.canEdit && current} />
      )}
      <ul className="nhsuk-list">
        <li>
          <a href={`${planHref(plan.id)}/budget-lines.xlsx`} download>
            Export budget lines (XLSX)
          </a>
        </li>
        <li>
          <a href={`${planHref(plan.id)}/budget-lines.csv`} download>
            Export budget lines (CSV)
          </a>
        </li>
        {props.canEdit && current ? (
          <li>
            <a href={`${planHref(plan.id)}/budget-lines/import`}>{draft ? "Import budget lines" : "Import actuals and forecasts"}</a>
          </li>
        ) : null}
      </ul>

      {detail.lines.length > 0 ? (
        <>
          <h3>Month by month</h3>
          <MonthGrid caption={`The whole plan, month by month, ${year}`} months={detail.months} />
          {detail.lines.map((l) => (
            <Details key={l.line.id} summary={`Month by month: ${l.line.description}`}>
              <MonthGrid caption={`${l.line.description}, month by month`} months={l.months} hiddenCaption />
            </Details>
          ))}
        </>
      ) : null}

      {others.length > 0 ? (
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading">Other versions of this plan</h2>
          <ul>
            {others.map((r) => (
              <li key={r.id}>
                <a href={planHref(r.id)}>Revision {r.revision}</a> – {PLAN_STATUS_LABELS[r.status]}
                {r.approvedOn ? `, approved ${formatDate(r.approvedOn)}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {props.history ? <HistorySection entries={props.history} labels={PLAN_HISTORY_LABELS} /> : null}
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Approve

/** The approval form: which decision approved the plan, and when. */
export function ApprovePage(props: {
  ctx: ViewContext;
  plan: PlanRow;
  workstream: WorkstreamRef;
  startMonth: number;
  decisions: DecisionChoice[];
  values: Record<string, string>;
  errors: FieldErrors;
  conflict?: boolean;
}) {
  const { ctx, plan, values, errors } = props;
  const year = financialYearLabel(plan.financialYear, props.startMonth);
  return (
    <Layout
      ctx={ctx}
      title={formTitle(`Approve the ${year} plan: ${props.workstream.name}`, errors)}
      beforeContent={<BackLink href={planHref(plan.id)}>Back to the plan</BackLink>}
    >
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "decisionId")} />
      {props.conflict ? (
        <ConflictCallout heading="Someone else changed this plan first">
          <p>Check the plan before approving it: it may have been returned to draft or changed.</p>
        </ConflictCallout>
      ) : null}
      <span className="nhsuk-caption-l">{props.workstream.name}</span>
      <h1>Approve the {year} plan</h1>
      <form method="post" action={`${planHref(plan.id)}/approve`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? String(plan.version)} />
        {props.decisions.length === 0 ? (
          <InsetText>
            <p>No decisions have been recorded that could have approved this plan. Record the board’s decision against its agenda item first.</p>
          </InsetText>
        ) : null}
        <Select
          label="The decision that approved the plan"
          hint="Recent decisions of the body that oversees the workstream"
          id="decisionId"
          name="decisionId"
          defaultValue={values.decisionId ?? ""}
          error={errors.decisionId}
        >
          <Select.Option value="">Select a decision</Select.Option>
          {props.decisions.map((d) => (
            <Select.Option key={d.id} value={d.id}>
              {formatDate(d.decidedOn)}: {d.text.length > 90 ? `${d.text.slice(0, 89)}…` : d.text}
            </Select.Option>
          ))}
        </Select>
        <NhsDate name="approvedOn" legend="Date approved" hint="For example, 5 3 2018" values={values} errors={errors} />
        <Button>Approve the plan</Button>
      </form>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Budget lines

export type LineFormPlacement =
  { kind: "new"; plan: PlanRow; workstream: WorkstreamRef } | { kind: "edit"; line: BudgetLineRow; plan: PlanRow; workstream: WorkstreamRef };

/** The form to add or change a budget line (and, when changing, to remove it). */
export function BudgetLineFormPage(props: {
  ctx: ViewContext;
  placement: LineFormPlacement;
  startMonth: number;
  values: Record<string, string>;
  errors: FieldErrors;
  conflict?: BudgetLineRow | undefined;
}) {
  const { ctx, placement, values, errors } = props;
  const isNew = placement.kind === "new";
  const heading = isNew ? "Add a budget line" : "Change a budget line";
  const year = financialYearLabel(placement.plan.financialYear, props.startMonth);
  return (
    <Layout
      ctx={ctx}
      title={formTitle(`${heading}: ${placement.workstream.name}`, errors)}
      beforeContent={<BackLink href={planHref(placement.plan.id)}>Back to the plan</BackLink>}
    >
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "description")} />
      {props.conflict ? (
        <ConflictCallout heading="Someone else changed this budget line while you were editing it">
          <p>
            The saved line is now “{props.conflict.description}” ({BUDGET_LINE_KIND_LABELS[props.conflict.kind]}, {props.conflict.fundingSource}). Your changes
            are below and have not been saved; save again to replace it.
          </p>
        </ConflictCallout>
      ) : null}
      <span className="nhsuk-caption-l">
        {placement.workstream.name}, plan for {year}
      </span>
      <h1>{heading}</h1>
      <form method="post" action={isNew ? `${planHref(placement.plan.id)}/budget-lines` : `/budget-lines/${placement.line.id}`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        {isNew ? null : <input type="hidden" name="version" value={values.version ?? String(placement.line.version)} />}
        <TextInput label="What the line is for" id="description" name="description" defaultValue={values.description ?? ""} error={errors.description} />
        <Radios id="kind" name="kind" legend="Kind of spending" legendProps={{ size: "s" }} error={errors.kind}>
          <Radios.Item value="revenue" defaultChecked={values.kind === "revenue"} hint="Running costs: staff, services, supplies">
            Revenue
          </Radios.Item>
          <Radios.Item value="capital" defaultChecked={values.kind === "capital"} hint="Buildings, equipment and other assets">
            Capital
          </Radios.Item>
        </Radios>
        <TextInput
          label="Funding source"
          hint="For example, STP transformation fund"
          id="fundingSource"
          name="fundingSource"
          defaultValue={values.fundingSource ?? ""}
          error={errors.fundingSource}
        />
        <Button>{isNew ? "Add the line" : "Save changes"}</Button>
      </form>
      {placement.kind === "edit" ? (
        <>
          <h2>Remove this line</h2>
          <p>Removing the line removes its monthly figures too.</p>
          <form method="post" action={`/budget-lines/${placement.line.id}/delete`}>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="version" value={String(props.conflict?.version ?? placement.line.version)} />
            <Button warning>Remove the line</Button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}

export const lineFormValues = (line: BudgetLineRow): Record<string, string> => ({
  description: line.description,
  kind: line.kind,
  fundingSource: line.fundingSource,
  version: String(line.version),
});

/** The month form's values from the stored figures, as pounds text. */
export function monthFormValues(detail: LineWithMonths): Record<string, string> {
  const values: Record<string, string> = { version: String(detail.line.version) };
  for (const m of detail.months) {
    values[monthFieldName("planned", m.month)] = penceToPoundsText(m.plannedPence);
    values[monthFieldName("actual", m.month)] = m.actualPence === null ? "" : penceToPoundsText(m.actualPence);
    values[monthFieldName("forecast", m.month)] = m.forecastPence === null ? "" : penceToPoundsText(m.forecastPence);
  }
  return values;
}

/** Entering a line's planned, actual and forecast figures for each of the twelve months, in pounds. */
export function MonthsFormPage(props: {
  ctx: ViewContext;
  detail: LineWithMonths;
  startMonth: number;
  plannedEditable: boolean;
  values: Record<string, string>;
  errors: FieldErrors;
  conflict?: boolean;
  history: HistoryEntry[] | null;
}) {
  const { ctx, detail, values, errors } = props;
  const { plan, workstream, line } = detail;
  const year = financialYearLabel(plan.financialYear, props.startMonth);
  const firstField = (): string => {
    const key = Object.keys(errors).find((k) => k !== "_form");
    return key ?? monthFieldName(props.plannedEditable ? "planned" : "actual", detail.months[0]?.month ?? `${plan.financialYear}-04-01`);
  };
  const input = (field: MonthField, month: string, label: string) => {
    const name = monthFieldName(field, month);
    return (
      <TextInput
        label={
          <>
            {label}
            <span className="nhsuk-u-visually-hidden"> for {monthLabel(month)}</span>
          </>
        }
        id={name}
        name={name}
        inputMode="decimal"
        spellCheck={false}
        prefix="£"
        width={10}
        defaultValue={values[name] ?? ""}
        error={errors[name]}
      />
    );
  };
  return (
    <Layout
      ctx={ctx}
      title={formTitle(`Monthly figures: ${line.description}`, errors)}
      beforeContent={<BackLink href={planHref(plan.id)}>Back to the plan</BackLink>}
    >
      <FormErrorSummary errors={errors} fieldIds={{ _form: firstField() }} />
      {props.conflict ? (
        <ConflictCallout heading="Someone else changed these figures while you were editing them">
          <p>Your figures are below and have not been saved. Check them against the saved figures on the plan page, then save again to replace them.</p>
        </ConflictCallout>
      ) : null}
      <span className="nhsuk-caption-l">
        {workstream.name}, plan for {year}
      </span>
      <h1>Monthly figures: {line.description}</h1>
      <p>
        Enter amounts in pounds, like 1,250.00. Leave an actual blank until the month’s spending is known, and a forecast blank when there is none: the forecast
        outturn then uses the planned amount.
      </p>
      {props.plannedEditable ? null : (
        <InsetText>
          <p>
            This plan is{" "}
            {plan.status === "approved"
              ? "approved, so its planned amounts change only through a revision"
              : "submitted for approval, so its planned amounts are fixed"}
            . You can enter actuals and forecasts.
          </p>
        </InsetText>
      )}
      <form method="post" action={`/budget-lines/${line.id}/months`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? String(line.version)} />
        {detail.months.map((m) => (
          <fieldset key={m.month} className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{monthLabel(m.month)}</legend>
            <div className="app-wrap-row">
              {props.plannedEditable ? (
                input("planned", m.month, "Planned")
              ) : (
                <p className="nhsuk-body-s">
                  Planned: <strong>{money(m.plannedPence)}</strong>
                </p>
              )}
              {input("actual", m.month, "Actual")}
              {input("forecast", m.month, "Forecast")}
            </div>
          </fieldset>
        ))}
        <Button>Save the figures</Button>
      </form>
      {props.history ? <HistorySection entries={props.history} labels={PLAN_HISTORY_LABELS} /> : null}
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// The portfolio budget

/** The portfolio's budget for a year: a bar chart of planned against forecast per workstream, and the same figures as a table. */
export function PortfolioBudgetPage(props: { ctx: ViewContext; financialYear: number; startMonth: number; years: number[]; summary: BudgetSummary }) {
  const { ctx, summary, startMonth } = props;
  const year = financialYearLabel(props.financialYear, startMonth);
  const yearChoices = [...new Set([...props.years, props.financialYear])].sort((a, b) => b - a);
  const anyExample = summary.rows.some((r) => r.isExample);
  return (
    <Layout ctx={ctx} title={`Portfolio budget ${year}`}>
      <h1>Portfolio budget {year}</h1>
      <p>Each workstream’s budget for the year from its current plan: what was planned, spent to date, and the forecast outturn.</p>
      <form method="get" action="/portfolio/budget" className="app-filter" aria-label="Choose the financial year">
        <Select label="Financial year" id="year" name="year" defaultValue={String(props.financialYear)}>
          {yearChoices.map((y) => (
            <Select.Option key={y} value={String(y)}>
              {financialYearLabel(y, startMonth)}
            </Select.Option>
          ))}
        </Select>
        <Button secondary>Show</Button>
      </form>
      {anyExample ? (
        <InsetText>
          <p>Plans marked “example” carry illustrative figures, not real budgets.</p>
        </InsetText>
      ) : null}
      {summary.rows.length === 0 ? (
        <p>There are no plans to show for {year}.</p>
      ) : (
        <>
          <h2>Planned and forecast by workstream</h2>
          <BudgetBarChart
            id="portfolio-budget-chart"
            title={`Planned budget and forecast outturn by workstream, ${year}`}
            description={`${summary.rows.map((r) => `${r.workstreamName}: planned ${money(r.plannedPence)}, forecast ${money(r.forecastOutturnPence)}`).join("; ")}. Portfolio: planned ${money(summary.portfolio.plannedPence)}, forecast ${money(summary.portfolio.forecastOutturnPence)}. The table below gives the same figures.`}
            bars={summary.rows.map((r) => ({ label: r.workstreamName, plannedPence: r.plannedPence, forecastOutturnPence: r.forecastOutturnPence }))}
          />
          <ScrollRegion label={`Portfolio budget ${year}`}>
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption">Budget by workstream, {year}</caption>
              <TotalsHead first="Workstream" />
              <tbody className="nhsuk-table__body">
                {summary.rows.map((r) => (
                  <tr key={r.planId} className="nhsuk-table__row">
                    <th scope="row" className={th}>
                      <a href={planHref(r.planId)}>{r.workstreamName}</a>
                      {r.planStatus !== "approved" ? (
                        <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-font-weight-normal">{PLAN_STATUS_LABELS[r.planStatus]} plan</span>
                      ) : null}
                      {r.isExample ? <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-font-weight-normal">Example figures</span> : null}
                    </th>
                    <TotalsCells totals={r} />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="nhsuk-table__row">
                  <th scope="row" className={th}>
                    Portfolio
                  </th>
                  <TotalsCells totals={summary.portfolio} bold />
                </tr>
              </tfoot>
            </table>
          </ScrollRegion>
        </>
      )}
    </Layout>
  );
}

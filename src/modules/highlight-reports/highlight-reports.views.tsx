import { Button, Radios, Select, SummaryList, Table, Tag, Textarea } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, HistorySection, formTitle, formatDateTime } from "../../platform/views/components.tsx";
import { BackLink, ConflictCallout } from "../../platform/views/form-fields.tsx";
import type { HistoryEntry } from "../../platform/audit/audit.ts";
import type { FieldErrors } from "../../platform/http/errors.ts";
import type { HighlightReportView, MonthStatusRow, ReportWorkstream } from "./highlight-reports.repository.ts";
import { RAG_LABELS, RULES_EXPLAINED, monthLabel } from "./highlight-reports.rules.ts";
import { DIMENSIONS, DIMENSION_LABELS, STATUS_LABELS, fieldIdFor, type Dimension } from "./highlight-reports.schema.ts";
import type { HighlightReportStatus, Rag } from "./highlight-reports.tables.ts";
import { REPORT_HISTORY_LABELS } from "./highlight-reports.presenter.ts";

export const reportHref = (id: string) => `/highlight-reports/${id}`;
export const historyHref = (workstreamId: string) => `/workstreams/${workstreamId}/highlight-reports`;

const RAG_COLOURS: Record<Rag, "red" | "orange" | "green"> = { red: "red", amber: "orange", green: "green" };
const STATUS_COLOURS: Record<HighlightReportStatus | "not_started", "grey" | "blue" | "orange" | "green" | "white"> = {
  not_started: "white",
  draft: "grey",
  submitted: "blue",
  returned: "orange",
  reviewed: "green",
};

/** A RAG rating as an NHS tag; the word is always written, never colour alone. */
export function RagTag({ rag }: { rag: Rag | null }) {
  if (!rag) return <Tag modifier="grey">Not rated</Tag>;
  return <Tag modifier={RAG_COLOURS[rag]}>{RAG_LABELS[rag]}</Tag>;
}

export function StatusTag({ status }: { status: HighlightReportStatus | "not_started" }) {
  return <Tag modifier={STATUS_COLOURS[status]}>{status === "not_started" ? "Not started" : STATUS_LABELS[status]}</Tag>;
}

/** Stored text as people wrote it: lines starting "- " as a list, other lines as paragraphs. */
export function ReportText({ text, empty }: { text: string; empty: string }) {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) return <p className="nhsuk-body">{empty}</p>;
  if (lines.every((l) => l.startsWith("- "))) {
    return (
      <ul className="nhsuk-list nhsuk-list--bullet">
        {lines.map((l, i) => (
          <li key={i}>{l.slice(2)}</li>
        ))}
      </ul>
    );
  }
  return (
    <>
      {lines.map((l, i) => (
        <p key={i}>{l}</p>
      ))}
    </>
  );
}

function summaryIds(errors: FieldErrors): Record<string, string> {
  return Object.fromEntries(Object.keys(errors).map((k) => [k, k === "_form" ? "main-form" : fieldIdFor(k)]));
}

// ---------------------------------------------------------------------------------------------
// The RAG timeline (SVG) and history table

const FILL: Record<Rag, string> = { red: "#d5281b", amber: "#ffb81c", green: "#007f3b" };
const INK: Record<Rag, string> = { red: "#ffffff", amber: "#212b32", green: "#ffffff" };
const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const shortMonth = (month: string) => `${SHORT_MONTHS[Number(month.slice(5, 7)) - 1] ?? ""} ${month.slice(2, 4)}`;
/** The most months the timeline draws; the table lists them all. */
export const TIMELINE_MONTHS = 24;

/** A small timeline of the ratings, oldest month on the left, one row per rating; the history table is its text alternative. */
export function RagTimeline({ reports, name }: { reports: HighlightReportView[]; name: string }) {
  const shown = [...reports].sort((a, b) => a.month.localeCompare(b.month)).slice(-TIMELINE_MONTHS);
  if (shown.length === 0) return null;
  const left = 80;
  const step = 44;
  const rowHeight = 32;
  const top = 12;
  const width = left + step * shown.length + 8;
  const height = top + rowHeight * DIMENSIONS.length + 28;
  const first = shown[0]!.month;
  const last = shown[shown.length - 1]!.month;
  const overall = shown.map((r) => `${monthLabel(r.month)}: ${r.overallRag ? RAG_LABELS[r.overallRag] : "not rated"}`).join("; ");
  return (
    <figure className="app-rag-timeline nhsuk-u-margin-bottom-5">
      <svg
        role="img"
        aria-labelledby="rag-timeline-title rag-timeline-desc"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        className="app-chart"
      >
        <title id="rag-timeline-title">{`RAG ratings of ${name}, ${monthLabel(first)} to ${monthLabel(last)}`}</title>
        <desc id="rag-timeline-desc">{`Overall rating by month: ${overall}. The table below gives every rating with its reason.`}</desc>
        {DIMENSIONS.map((d, row) => (
          <text key={d} x={0} y={top + row * rowHeight + 16} fontSize="14" fill="#212b32">
            {DIMENSION_LABELS[d]}
          </text>
        ))}
        {shown.map((r, col) => {
          const x = left + col * step + step / 2;
          return (
            <g key={r.id}>
              {DIMENSIONS.map((d, row) => {
                const rag = r[`${d}Rag`];
                const y = top + row * rowHeight + 11;
                return rag ? (
                  <g key={d}>
                    <circle cx={x} cy={y} r={12} fill={FILL[rag]} />
                    <text x={x} y={y + 5} fontSize="13" fontWeight="bold" textAnchor="middle" fill={INK[rag]}>
                      {rag[0]!.toUpperCase()}
                    </text>
                  </g>
                ) : (
                  <circle key={d} cx={x} cy={y} r={11} fill="none" stroke="#768692" strokeWidth={2} strokeDasharray="3 3" />
                );
              })}
              <text x={x} y={height - 8} fontSize="12" textAnchor="middle" fill="#4c6272">
                {shortMonth(r.month)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="nhsuk-body-s">
        R red, A amber, G green; a dashed ring is not rated. {shown.length < 2 ? "" : "Oldest month on the left."}
      </figcaption>
    </figure>
  );
}

function RagCell({ report, d }: { report: HighlightReportView; d: Dimension }) {
  const reason = report[`${d}Reason`];
  return (
    <Table.Cell>
      <RagTag rag={report[`${d}Rag`]} />
      {reason ? <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-margin-top-1">{reason}</span> : null}
    </Table.Cell>
  );
}

/** A workstream's RAG history: the ratings month by month, newest first, with a timeline. */
export function RagHistoryPage(props: { ctx: ViewContext; workstream: ReportWorkstream; reports: HighlightReportView[]; canDraft: boolean; insider: boolean }) {
  const { ctx, workstream: ws, reports } = props;
  return (
    <Layout ctx={ctx} title={`Highlight reports: ${ws.name}`} beforeContent={<BackLink href={`/workstreams/${ws.id}`}>{ws.name}</BackLink>}>
      <span className="nhsuk-caption-l">{ws.name}</span>
      <h1>Highlight reports</h1>
      <p>
        Each month the workstream reports its progress with a red, amber or green (RAG) rating for overall delivery, schedule, finance and risk, and the reason
        for each.{" "}
        {props.insider
          ? "Quorum drafts each report from the workstream's milestones, budget and risks; the lead edits and submits it, and the programme office reviews it."
          : "Reports appear here once the programme office has reviewed them."}
      </p>
      {props.canDraft ? (
        <p>
          <a className="nhsuk-button" href={`${historyHref(ws.id)}/new`} role="button" draggable="false">
            Draft a report
          </a>
        </p>
      ) : null}
      {reports.length === 0 ? (
        <p>There are no highlight reports yet.</p>
      ) : (
        <>
          <h2>RAG history</h2>
          <RagTimeline reports={reports} name={ws.name} />
          <Table responsive caption={`RAG ratings of ${ws.name} by month, newest first`}>
            <Table.Head>
              <Table.Row>
                <Table.Cell>Month</Table.Cell>
                {DIMENSIONS.map((d) => (
                  <Table.Cell key={d}>{DIMENSION_LABELS[d]}</Table.Cell>
                ))}
                {props.insider ? <Table.Cell>Status</Table.Cell> : null}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {reports.map((r) => (
                <Table.Row key={r.id}>
                  <Table.Cell>
                    <a href={reportHref(r.id)}>{monthLabel(r.month)}</a>
                    {r.isExample ? <span className="nhsuk-body-s nhsuk-u-display-block">(example)</span> : null}
                  </Table.Cell>
                  {DIMENSIONS.map((d) => (
                    <RagCell key={d} report={r} d={d} />
                  ))}
                  {props.insider ? (
                    <Table.Cell>
                      <StatusTag status={r.status} />
                    </Table.Cell>
                  ) : null}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </>
      )}
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Draft a report

export interface MonthChoice {
  value: string;
  label: string;
  exists: boolean;
}

/** Choose the month; Quorum drafts the report from live data. */
export function NewReportPage(props: {
  ctx: ViewContext;
  workstream: ReportWorkstream;
  months: MonthChoice[];
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const { ctx, workstream: ws, values, errors } = props;
  const title = "Draft a highlight report";
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={historyHref(ws.id)}>Highlight reports</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={{ month: "month" }} />
      <span className="nhsuk-caption-l">{ws.name}</span>
      <h1>{title}</h1>
      <p>
        Quorum drafts the report from the workstream's live data: milestones completed and products delivered in the month, milestones due and late, the budget
        against forecast and the open risks. It suggests each rating with its reason; you can change anything before you submit it.
      </p>
      <form method="post" action={historyHref(ws.id)} noValidate id="main-form">
        <CsrfField token={ctx.csrfToken} />
        <Select label="Month to report on" id="month" name="month" defaultValue={values.month ?? ""} error={errors.month}>
          <Select.Option value="">Select a month</Select.Option>
          {props.months.map((m) => (
            <Select.Option key={m.value} value={m.value} disabled={m.exists}>
              {m.exists ? `${m.label} (already reported)` : m.label}
            </Select.Option>
          ))}
        </Select>
        <Button>Draft the report</Button>
      </form>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// One report

export type ReportForm = { which: "submit" | "review" | "return"; values: Record<string, string>; errors: FieldErrors; conflict?: boolean };

function RulesSection() {
  return (
    <section aria-labelledby="rules-heading">
      <h2 id="rules-heading">How Quorum suggested these</h2>
      <p>When it drafted the report, Quorum suggested each rating from the workstream's live data by these rules. The lead may change any of them.</p>
      <SummaryList>
        {RULES_EXPLAINED.map((r) => (
          <SummaryList.Row key={r.heading}>
            <SummaryList.Key>{r.heading}</SummaryList.Key>
            <SummaryList.Value>{r.text}</SummaryList.Value>
          </SummaryList.Row>
        ))}
      </SummaryList>
    </section>
  );
}

/** A report: ratings with reasons, the texts, its status, and the forms its readers may use. */
export function ReportPage(props: {
  ctx: ViewContext;
  report: HighlightReportView;
  canEdit: boolean;
  canReview: boolean;
  insider: boolean;
  history: HistoryEntry[] | null;
  form?: ReportForm | undefined;
}) {
  const { ctx, report: r, form } = props;
  const errors = form?.errors ?? {};
  const title = `Highlight report: ${r.workstream.name}, ${monthLabel(r.month)}`;
  const version = form?.values.version ?? String(r.version);
  return (
    <Layout
      ctx={ctx}
      title={formTitle(title, errors)}
      beforeContent={<BackLink href={historyHref(r.workstreamId)}>Highlight reports of {r.workstream.name}</BackLink>}
    >
      <FormErrorSummary
        errors={errors}
        fieldIds={
          form?.which === "submit"
            ? Object.fromEntries(Object.keys(errors).map((k) => [k, "main-form"]))
            : { _form: "main-form", note: "note", returnNote: "returnNote" }
        }
      />
      {form?.conflict ? (
        <ConflictCallout heading="Someone else changed this report first">
          <p>The report below is as they left it. Nothing has been changed; check it and try again.</p>
        </ConflictCallout>
      ) : null}
      <span className="nhsuk-caption-l">{r.workstream.name}</span>
      <h1>
        Highlight report, {monthLabel(r.month)}
        {r.isExample ? " (example)" : ""}
      </h1>
      {props.insider ? (
        <p>
          <StatusTag status={r.status} />
        </p>
      ) : null}
      {props.insider && r.status === "returned" && r.reviewNote ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            Returned by {r.reviewedByName ?? "the programme office"}: {r.reviewNote}
          </p>
        </div>
      ) : null}

      <Table responsive caption="Ratings">
        <Table.Head>
          <Table.Row>
            <Table.Cell>Rating</Table.Cell>
            <Table.Cell>RAG</Table.Cell>
            <Table.Cell>Reason</Table.Cell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {DIMENSIONS.map((d) => (
            <Table.Row key={d}>
              <Table.Cell>{DIMENSION_LABELS[d]}</Table.Cell>
              <Table.Cell>
                <RagTag rag={r[`${d}Rag`]} />
              </Table.Cell>
              <Table.Cell>{r[`${d}Reason`] ?? ""}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>

      <h2>Achievements this period</h2>
      <ReportText text={r.achievements} empty="None recorded." />
      <h2>Plans for next period</h2>
      <ReportText text={r.nextPeriod} empty="None recorded." />
      <h2>Milestones due</h2>
      <ReportText text={r.milestonesDue} empty="None due." />
      <h2>Escalations to the board</h2>
      <ReportText text={r.escalations} empty="None." />

      <SummaryList>
        {r.submittedAt ? (
          <SummaryList.Row>
            <SummaryList.Key>Submitted</SummaryList.Key>
            <SummaryList.Value>
              {formatDateTime(r.submittedAt)}
              {props.insider && r.submittedByName ? ` by ${r.submittedByName}` : ""}
            </SummaryList.Value>
          </SummaryList.Row>
        ) : null}
        {r.status === "reviewed" && r.reviewedAt ? (
          <SummaryList.Row>
            <SummaryList.Key>Reviewed</SummaryList.Key>
            <SummaryList.Value>
              {formatDateTime(r.reviewedAt)}
              {props.insider && r.reviewedByName ? ` by ${r.reviewedByName}` : ""}
              {props.insider && r.reviewNote ? `. Note: ${r.reviewNote}` : ""}
            </SummaryList.Value>
          </SummaryList.Row>
        ) : null}
        <SummaryList.Row>
          <SummaryList.Key>Workstream</SummaryList.Key>
          <SummaryList.Value>
            <a href={`/workstreams/${r.workstreamId}`}>{r.workstream.name}</a>
          </SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>

      {props.canEdit ? (
        <section aria-labelledby="lead-heading">
          <h2 id="lead-heading">{r.status === "returned" ? "Edit and resubmit" : "Edit and submit"}</h2>
          <p>
            <a href={`${reportHref(r.id)}/edit`}>
              Edit this report<span className="nhsuk-u-visually-hidden">: {monthLabel(r.month)}</span>
            </a>
          </p>
          <p>Submit it when the four ratings are set, with a reason for each amber or red. The programme office then reviews it.</p>
          <form method="post" action={`${reportHref(r.id)}/submit`} noValidate id="main-form">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="version" value={version} />
            <Button>{r.status === "returned" ? "Resubmit for review" : "Submit for review"}</Button>
          </form>
        </section>
      ) : null}

      {props.canReview && r.status === "submitted" ? (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">Review</h2>
          <form method="post" action={`${reportHref(r.id)}/review`} noValidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="version" value={version} />
            <Textarea
              label="Note (optional)"
              hint="Comments for the lead and the programme office; not shown to the public"
              id="note"
              name="note"
              rows={3}
              defaultValue={form?.which === "review" ? (form.values.note ?? "") : ""}
              error={form?.which === "review" ? errors.note : undefined}
            />
            <Button>Mark as reviewed</Button>
          </form>
          <h3>Return it to the lead</h3>
          <form method="post" action={`${reportHref(r.id)}/return`} noValidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="version" value={version} />
            <Textarea
              label="What should the lead change?"
              id="returnNote"
              name="returnNote"
              rows={3}
              defaultValue={form?.which === "return" ? (form.values.returnNote ?? "") : ""}
              error={errors.returnNote}
            />
            <Button secondary>Return to the lead</Button>
          </form>
        </section>
      ) : null}

      <RulesSection />
      {props.history ? <HistorySection entries={props.history} labels={REPORT_HISTORY_LABELS} /> : null}
      <p className="nhsuk-body-s">Last changed {formatDateTime(r.updatedAt)}.</p>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Edit

/** The form values of an existing report. */
export function reportFormValues(r: HighlightReportView): Record<string, string> {
  const values: Record<string, string> = {
    achievements: r.achievements,
    nextPeriod: r.nextPeriod,
    milestonesDue: r.milestonesDue,
    escalations: r.escalations,
    version: String(r.version),
  };
  for (const d of DIMENSIONS) {
    values[`${d}Rag`] = r[`${d}Rag`] ?? "";
    values[`${d}Reason`] = r[`${d}Reason`] ?? "";
  }
  return values;
}

const RAG_HINTS: Record<Dimension, string> = {
  overall: "Usually the worst of schedule, finance and risk",
  schedule: "Green: no milestone late. Amber: late by 30 days or fewer. Red: more than 30 days late",
  finance: "Forecast outturn against plan. Green: within 2%. Amber: within 5%. Red: beyond",
  risk: "Red: an open risk is extreme. Amber: an open risk is high. Otherwise green",
};

/** The lead's form: each rating with its reason, and the report's texts. */
export function EditReportPage(props: {
  ctx: ViewContext;
  report: HighlightReportView;
  values: Record<string, string>;
  errors: FieldErrors;
  conflict?: HighlightReportView | undefined;
}) {
  const { ctx, report: r, values, errors } = props;
  const title = `Edit highlight report, ${monthLabel(r.month)}`;
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={reportHref(r.id)}>Back to the report</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors)} />
      <span className="nhsuk-caption-l">{r.workstream.name}</span>
      <h1>{title}</h1>
      {props.conflict ? (
        <ConflictCallout heading="Someone else saved this report first">
          <p>
            Their version rates it overall {props.conflict.overallRag ? RAG_LABELS[props.conflict.overallRag].toLowerCase() : "not rated"}, and is{" "}
            {STATUS_LABELS[props.conflict.status].toLowerCase()}. Your changes are below and have not been saved. Save again to replace their version with
            yours.
          </p>
        </ConflictCallout>
      ) : null}
      <form method="post" action={reportHref(r.id)} noValidate id="main-form">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? String(r.version)} />
        {DIMENSIONS.map((d) => {
          const label = DIMENSION_LABELS[d];
          const chosen = values[`${d}Rag`] ?? "";
          return (
            <div key={d} className="nhsuk-u-margin-bottom-4">
              <h2>{label}</h2>
              <Radios
                id={`${d}Rag`}
                name={`${d}Rag`}
                legend={`${label} rating`}
                legendProps={{ size: "s" }}
                hint={RAG_HINTS[d]}
                error={errors[`${d}Rag`]}
                inline
              >
                <Radios.Item value="red" defaultChecked={chosen === "red"}>
                  Red
                </Radios.Item>
                <Radios.Item value="amber" defaultChecked={chosen === "amber"}>
                  Amber
                </Radios.Item>
                <Radios.Item value="green" defaultChecked={chosen === "green"}>
                  Green
                </Radios.Item>
              </Radios>
              <Textarea
                label={`${label}: reason`}
                hint="Required for amber or red"
                id={`${d}Reason`}
                name={`${d}Reason`}
                rows={3}
                defaultValue={values[`${d}Reason`] ?? ""}
                error={errors[`${d}Reason`]}
              />
            </div>
          );
        })}
        <Textarea
          label="Achievements this period"
          hint="One per line; start a line with “- ” for a list"
          id="achievements"
          name="achievements"
          rows={6}
          defaultValue={values.achievements ?? ""}
          error={errors.achievements}
        />
        <Textarea label="Plans for next period" id="nextPeriod" name="nextPeriod" rows={5} defaultValue={values.nextPeriod ?? ""} error={errors.nextPeriod} />
        <Textarea
          label="Milestones due"
          id="milestonesDue"
          name="milestonesDue"
          rows={5}
          defaultValue={values.milestonesDue ?? ""}
          error={errors.milestonesDue}
        />
        <Textarea
          label="Escalations to the board"
          hint="Anything the board needs to decide or know; leave blank if none"
          id="escalations"
          name="escalations"
          rows={4}
          defaultValue={values.escalations ?? ""}
          error={errors.escalations}
        />
        <Button>Save changes</Button>
      </form>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// The programme office's overview

/** This month's report of every workstream: not started, draft, submitted, returned or reviewed. */
export function OverviewPage(props: {
  ctx: ViewContext;
  month: string;
  rows: MonthStatusRow[];
  months: { value: string; label: string }[];
  canDraft: boolean;
}) {
  const { ctx, month, rows } = props;
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.report?.status ?? "not_started", (counts.get(r.report?.status ?? "not_started") ?? 0) + 1);
  return (
    <Layout ctx={ctx} title={`Highlight reports, ${monthLabel(month)}`}>
      <h1>Highlight reports, {monthLabel(month)}</h1>
      <p>Each workstream's report for the month, and where it is: not started, draft, submitted, returned to the lead, or reviewed.</p>
      <form method="get" action="/highlight-reports" className="app-filter" aria-label="Choose the month">
        <Select label="Month" id="month" name="month" defaultValue={month.slice(0, 7)}>
          {props.months.map((m) => (
            <Select.Option key={m.value} value={m.value}>
              {m.label}
            </Select.Option>
          ))}
        </Select>
        <Button secondary>Show</Button>
      </form>
      <p>
        {(["not_started", "draft", "submitted", "returned", "reviewed"] as const)
          .map((s) => `${counts.get(s) ?? 0} ${s === "not_started" ? "not started" : STATUS_LABELS[s].toLowerCase()}`)
          .join(", ")}
        .
      </p>
      {rows.length === 0 ? (
        <p>There are no workstreams yet.</p>
      ) : (
        <Table responsive caption={`Highlight reports for ${monthLabel(month)} by workstream`}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Workstream</Table.Cell>
              <Table.Cell>Report</Table.Cell>
              <Table.Cell>Overall</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((row) => (
              <Table.Row key={row.workstream.id}>
                <Table.Cell>
                  <a href={historyHref(row.workstream.id)}>{row.workstream.name}</a>
                </Table.Cell>
                <Table.Cell>
                  <StatusTag status={row.report?.status ?? "not_started"} />{" "}
                  {row.report ? (
                    <a href={reportHref(row.report.id)}>
                      Open<span className="nhsuk-u-visually-hidden"> the report of {row.workstream.name}</span>
                    </a>
                  ) : props.canDraft ? (
                    <a href={`${historyHref(row.workstream.id)}/new?month=${month.slice(0, 7)}`}>
                      Draft<span className="nhsuk-u-visually-hidden"> the report of {row.workstream.name}</span>
                    </a>
                  ) : null}
                </Table.Cell>
                <Table.Cell>{row.report ? <RagTag rag={row.report.overallRag} /> : "–"}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Layout>
  );
}

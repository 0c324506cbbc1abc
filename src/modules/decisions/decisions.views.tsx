import { Button, Checkboxes, DateInput, Radios, Select, SummaryList, Tag, Textarea, TextInput } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { DecisionEffectView } from "../portfolio/portfolio.service.ts";
import { DecisionEffectsSection } from "../portfolio/portfolio.views.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, HistorySection, PageLinks, formTitle, formatDate, formatDateTime, NamedLinks } from "../../platform/views/components.tsx";
import type { HistoryEntry } from "../../platform/audit/audit.ts";
import type { FieldErrors } from "../../platform/http/errors.ts";
import { DECISION_KINDS, DECISION_STATUSES, type DecisionStatus } from "./decisions.tables.ts";
import { DECISION_KIND_LABELS, DECISION_STATUS_LABELS } from "./decisions.schema.ts";
import type { DecisionView, ItemContext } from "./decisions.repository.ts";
import type { DecisionDetail, DecisionRecord } from "./decisions.service.ts";
import { BackLink } from "../../platform/views/form-fields.tsx";

const FIELD_LABELS: Record<string, string> = {
  text: "Decision",
  kind: "Kind",
  status: "Status",
  supersededByDecisionId: "Superseded by",
  recommendedToBodyId: "Recommended to",
  takenWhileInquorate: "Taken while inquorate",
  decidedOn: "Decided on",
  bodyIds: "Bodies concerned",
  organisationIds: "Organisations concerned",
  bodyId: "Body",
  meetingId: "Meeting",
  agendaItemId: "Agenda item",
  position: "Position",
};

const HISTORY_ACTIONS: Record<string, string> = { supersede: "Superseded", rescind: "Rescinded" };

type Picker = { id: string; name: string; shortName?: string | null };

/** How a meeting is named in lists: its title, or the body's name and the date. */
export function meetingLabel(meeting: { title: string | null; startsAt: Date }, body: { name: string; shortName?: string | null }): string {
  return `${meeting.title ?? `${body.shortName ?? body.name} meeting`}, ${formatDateTime(meeting.startsAt)}`;
}

const STATUS_TAG: Record<DecisionStatus, "green" | "grey" | "red"> = { in_force: "green", superseded: "grey", rescinded: "red" };

/** The warning and state tags a decision carries wherever it appears. */
export function DecisionTags({ view }: { view: Pick<DecisionView, "decision" | "item"> }) {
  return (
    <>
      <Tag modifier={STATUS_TAG[view.decision.status]}>{DECISION_STATUS_LABELS[view.decision.status]}</Tag>{" "}
      {view.decision.takenWhileInquorate ? (
        <>
          <Tag modifier="orange">Taken while inquorate</Tag>{" "}
        </>
      ) : null}
      {view.item.confidentiality === "part_2" ? <Tag modifier="red">Part II (confidential)</Tag> : null}
    </>
  );
}

/** A meeting's or a log page's decisions as a list of summaries, each linking to its page. */
export function DecisionSummaries({ records, showMeeting }: { records: readonly DecisionRecord[]; showMeeting: boolean }) {
  return (
    <ul className="nhsuk-list app-decision-list">
      {records.map((r) => (
        <li key={r.decision.id} className="app-decision-list__item">
          <p className="nhsuk-u-margin-bottom-1">
            <a href={`/decisions/${r.decision.id}`}>{r.decision.text}</a>
          </p>
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
            {DECISION_KIND_LABELS[r.decision.kind]}
            {r.recommendedTo ? ` to ${r.recommendedTo.name}` : ""}
            {showMeeting ? ` · ${r.body.name} · ${formatDate(r.decision.decidedOn)} · ${r.item.title}` : ""}
          </p>
          <p className="nhsuk-body-s">
            <DecisionTags view={r} />
          </p>
        </li>
      ))}
    </ul>
  );
}

export interface LogFilterValues {
  bodyId?: string | undefined;
  kind?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
  [dateField: string]: string | undefined;
}

export function DecisionLogPage(props: {
  ctx: ViewContext;
  records: DecisionRecord[];
  page: number;
  hasNext: boolean;
  query: LogFilterValues;
  errors: FieldErrors;
  bodies: Picker[];
}) {
  const { ctx, query, errors } = props;
  const baseQuery = Object.fromEntries(Object.entries(query).filter(([k, v]) => k !== "page" && k !== "limit" && v));
  const csvHref = `/decisions.csv${Object.keys(baseQuery).length > 0 ? `?${new URLSearchParams(baseQuery as Record<string, string>).toString()}` : ""}`;
  const dateInput = (name: "from" | "to", legend: string) => (
    <DateInput
      id={name}
      name={name}
      legend={legend}
      legendProps={{ size: "s" }}
      hint="For example, 4 12 2017"
      error={errors[name]}
      defaultValue={{ day: query[`${name}-day`] ?? "", month: query[`${name}-month`] ?? "", year: query[`${name}-year`] ?? "" }}
    >
      <DateInput.Day />
      <DateInput.Month />
      <DateInput.Year />
    </DateInput>
  );
  const filtered = Boolean(query.bodyId || query.kind || query.status || query.q || Object.keys(baseQuery).some((k) => k.includes("-")));
  return (
    <Layout ctx={ctx} title={formTitle("Decision log", errors)}>
      <FormErrorSummary errors={errors} fieldIds={{ from: "from-day", to: "to-day" }} />
      <h1>Decision log</h1>
      <p>The decisions of {ctx.partnershipName}&rsquo;s boards, newest first.</p>
      <form method="get" action="/decisions" className="app-filter" role="search" aria-label="Filter decisions">
        <TextInput label="Words" hint='For example: workstream budgets, or "terms of reference"' id="q" name="q" defaultValue={query.q ?? ""} width={30} />
        <Select label="Body" id="bodyId" name="bodyId" defaultValue={query.bodyId ?? ""}>
          <Select.Option value="">Any body</Select.Option>
          {props.bodies.map((b) => (
            <Select.Option key={b.id} value={b.id}>
              {b.name}
            </Select.Option>
          ))}
        </Select>
        <Select label="Kind" id="kind" name="kind" defaultValue={query.kind ?? ""}>
          <Select.Option value="">Any kind</Select.Option>
          {DECISION_KINDS.map((k) => (
            <Select.Option key={k} value={k}>
              {DECISION_KIND_LABELS[k]}
            </Select.Option>
          ))}
        </Select>
        <Select label="Status" id="status" name="status" defaultValue={query.status ?? ""}>
          <Select.Option value="">Any status</Select.Option>
          {DECISION_STATUSES.map((s) => (
            <Select.Option key={s} value={s}>
              {DECISION_STATUS_LABELS[s]}
            </Select.Option>
          ))}
        </Select>
        {dateInput("from", "Decided on or after")}
        {dateInput("to", "Decided on or before")}
        <Button secondary>Filter</Button>
      </form>
      <p>
        <a href={csvHref} download>
          Download {filtered ? "these decisions" : "the decision log"} as a spreadsheet (CSV)
        </a>
      </p>
      {props.records.length === 0 ? (
        <p>{filtered ? "No decisions match these filters." : "No decisions have been recorded yet."}</p>
      ) : (
        <DecisionSummaries records={props.records} showMeeting />
      )}
      <PageLinks page={props.page} hasNext={props.hasNext} baseQuery={baseQuery} />
    </Layout>
  );
}

function ChainLink({ view }: { view: DecisionView }) {
  return (
    <>
      <a href={`/decisions/${view.decision.id}`}>{view.decision.text}</a> ({view.body.name}, {formatDate(view.decision.decidedOn)})
    </>
  );
}

export function DecisionPage(props: {
  ctx: ViewContext;
  detail: DecisionDetail;
  canManage: boolean;
  history: HistoryEntry[] | null;
  /** The workstreams the decision governs that the viewer may see (workstreams module). */
  workstreams?: readonly { slug: string; name: string }[];
  /** What the decision changed in the programme, as the viewer may see it (portfolio module). */
  effects?: readonly DecisionEffectView[];
}) {
  const { ctx, detail } = props;
  const r = detail.record;
  const d = r.decision;
  return (
    <Layout ctx={ctx} title={`Decision of ${r.body.name}, ${formatDate(d.decidedOn)}`} beforeContent={<BackLink href="/decisions">Decision log</BackLink>}>
      <span className="nhsuk-caption-l">
        {r.body.name}, {formatDate(d.decidedOn)}
      </span>
      <h1>{DECISION_KIND_LABELS[d.kind]}</h1>
      <p>
        <DecisionTags view={r} />
      </p>
      {d.takenWhileInquorate ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Taken while inquorate
            </span>
          </h2>
          <p>The meeting was not quorate for this item when the decision was taken. It may need to be ratified at a quorate meeting.</p>
        </div>
      ) : null}
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Decision: </span>
        <p>{d.text}</p>
      </div>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Body</SummaryList.Key>
          <SummaryList.Value>
            <a href={`/bodies/${r.body.id}`}>{r.body.name}</a>
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Meeting</SummaryList.Key>
          <SummaryList.Value>
            <a href={`/meetings/${r.meeting.id}`}>{meetingLabel(r.meeting, r.body)}</a>
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Agenda item</SummaryList.Key>
          <SummaryList.Value>
            {r.item.title} {r.item.confidentiality === "part_2" ? <Tag modifier="red">Part II (confidential)</Tag> : null}
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Decided on</SummaryList.Key>
          <SummaryList.Value>{formatDate(d.decidedOn)}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Status</SummaryList.Key>
          <SummaryList.Value>
            {DECISION_STATUS_LABELS[d.status]}
            {d.status === "superseded" ? (
              detail.supersededBy ? (
                <>
                  {" by "}
                  <ChainLink view={detail.supersededBy} />
                </>
              ) : (
                " by a later decision"
              )
            ) : null}
          </SummaryList.Value>
        </SummaryList.Row>
        {r.recommendedTo ? (
          <SummaryList.Row>
            <SummaryList.Key>Recommended to</SummaryList.Key>
            <SummaryList.Value>
              <a href={`/bodies/${r.recommendedTo.id}`}>{r.recommendedTo.name}</a>
            </SummaryList.Value>
          </SummaryList.Row>
        ) : null}
        {r.approvesMinutesOf.length > 0 ? (
          <SummaryList.Row>
            <SummaryList.Key>Minutes approved</SummaryList.Key>
            <SummaryList.Value>
              <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                {r.approvesMinutesOf.map((m) => (
                  <li key={m.meetingId}>
                    <a href={`/meetings/${m.meetingId}`}>{meetingLabel(m, r.body)}</a>
                  </li>
                ))}
              </ul>
            </SummaryList.Value>
          </SummaryList.Row>
        ) : null}
        <SummaryList.Row>
          <SummaryList.Key>Bodies concerned</SummaryList.Key>
          <SummaryList.Value>
            <NamedLinks items={r.bodies} base="/bodies" />
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Organisations concerned</SummaryList.Key>
          <SummaryList.Value>
            <NamedLinks items={r.organisations} base="/organisations" />
          </SummaryList.Value>
        </SummaryList.Row>
        {props.workstreams && props.workstreams.length > 0 ? (
          <SummaryList.Row>
            <SummaryList.Key>Workstreams</SummaryList.Key>
            <SummaryList.Value>
              <NamedLinks items={props.workstreams.map((w) => ({ id: w.slug, name: w.name }))} base="/workstreams" />
            </SummaryList.Value>
          </SummaryList.Row>
        ) : null}
      </SummaryList>
      {props.effects ? <DecisionEffectsSection effects={props.effects} /> : null}
      {detail.supersedes.length > 0 ? (
        <section aria-labelledby="supersedes-heading">
          <h2 id="supersedes-heading">Decisions this one replaced</h2>
          <ul>
            {detail.supersedes.map((s) => (
              <li key={s.decision.id}>
                <ChainLink view={s} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {props.canManage ? (
        <div className="nhsuk-button-group">
          <a className="nhsuk-button nhsuk-button--secondary" href={`/decisions/${d.id}/edit`} role="button" draggable="false">
            Correct this decision
          </a>
          {d.status === "in_force" ? (
            <>
              <a className="nhsuk-button nhsuk-button--secondary" href={`/decisions/${d.id}/supersede`} role="button" draggable="false">
                Mark as superseded
              </a>
              <form method="post" action={`/decisions/${d.id}/rescind`} className="app-inline-form">
                <CsrfField token={ctx.csrfToken} />
                <input type="hidden" name="version" value={d.version} />
                <Button warning>Rescind</Button>
              </form>
            </>
          ) : null}
        </div>
      ) : null}
      {props.history ? (
        <HistorySection entries={props.history.map((h) => ({ ...h, action: HISTORY_ACTIONS[h.action] ?? h.action }))} labels={FIELD_LABELS} />
      ) : null}
    </Layout>
  );
}

function LinkCheckboxes(props: {
  name: string;
  legend: string;
  hint: string;
  choices: readonly Picker[];
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  if (props.choices.length === 0) return null;
  const ticked = new Set((props.values[props.name] ?? "").split("\n").filter(Boolean));
  return (
    <Checkboxes id={props.name} name={props.name} legend={props.legend} legendProps={{ size: "s" }} hint={props.hint} error={props.errors[props.name]} small>
      {props.choices.map((c) => (
        <Checkboxes.Item key={c.id} value={c.id} defaultChecked={ticked.has(c.id)}>
          {c.name}
        </Checkboxes.Item>
      ))}
    </Checkboxes>
  );
}

function KindRadios({
  values,
  errors,
  bodies,
  allowRecommended,
}: {
  values: Record<string, string>;
  errors: FieldErrors;
  bodies?: readonly Picker[];
  allowRecommended: boolean;
}) {
  return (
    <Radios id="kind" name="kind" legend="What did the body decide?" legendProps={{ size: "s" }} error={errors.kind}>
      {DECISION_KINDS.filter((k) => allowRecommended || k !== "recommended" || values.kind === "recommended").map((k) => (
        <Radios.Item
          key={k}
          value={k}
          defaultChecked={values.kind === k}
          conditional={
            k === "recommended" && bodies ? (
              <Select
                label="Recommended to"
                id="recommendedToBodyId"
                name="recommendedToBodyId"
                defaultValue={values.recommendedToBodyId ?? ""}
                error={errors.recommendedToBodyId}
              >
                <Select.Option value="">Select a body</Select.Option>
                {bodies.map((b) => (
                  <Select.Option key={b.id} value={b.id}>
                    {b.name}
                  </Select.Option>
                ))}
              </Select>
            ) : undefined
          }
        >
          {DECISION_KIND_LABELS[k]}
        </Radios.Item>
      ))}
    </Radios>
  );
}

export function DecisionFormPage(props: {
  ctx: ViewContext;
  context: ItemContext;
  values: Record<string, string>;
  errors: FieldErrors;
  bodies: Picker[];
  organisations: Picker[];
  minutesChoices: { id: string; title: string | null; startsAt: Date; minutesStatus: string | null }[];
  canApproveMinutes: boolean;
}) {
  const { ctx, context, values, errors } = props;
  const title = "Record a decision";
  const otherBodies = props.bodies.filter((b) => b.id !== context.body.id);
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)}>
      <FormErrorSummary errors={errors} fieldIds={{ _form: "text", kind: "kind-1", bodyIds: "bodyIds-1", organisationIds: "organisationIds-1" }} />
      <span className="nhsuk-caption-l">{meetingLabel(context.meeting, context.body)}</span>
      <h1>{title}</h1>
      <p>
        Agenda item: <strong>{context.item.title}</strong> {context.item.confidentiality === "part_2" ? <Tag modifier="red">Part II (confidential)</Tag> : null}
      </p>
      {context.item.confidentiality === "part_2" ? (
        <p>This decision will be confidential like its item: only admins, the board office and members will see it.</p>
      ) : null}
      <form method="post" action={`/meetings/${context.meeting.id}/items/${context.item.id}/decisions`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <Textarea
          label="Decision"
          labelProps={{ size: "s" }}
          hint="As minuted, for example: “The Board approved the workstream plans and budgets for 2018/19.”"
          id="text"
          name="text"
          rows={4}
          defaultValue={values.text ?? ""}
          error={errors.text}
        />
        <KindRadios values={values} errors={errors} bodies={otherBodies} allowRecommended />
        {props.canApproveMinutes && context.item.kind === "minutes_of_last_meeting" && props.minutesChoices.length > 0 ? (
          <Select
            label="These minutes are approved"
            hint="Choose the earlier meeting whose minutes this decision approves"
            id="approvesMinutesOfMeetingId"
            name="approvesMinutesOfMeetingId"
            defaultValue={values.approvesMinutesOfMeetingId ?? ""}
            error={errors.approvesMinutesOfMeetingId}
          >
            <Select.Option value="">This decision does not approve minutes</Select.Option>
            {props.minutesChoices.map((m) => (
              <Select.Option key={m.id} value={m.id} disabled={m.minutesStatus === "approved"}>
                {meetingLabel(m, context.body)}
                {m.minutesStatus === "approved" ? " (already approved)" : ""}
              </Select.Option>
            ))}
          </Select>
        ) : null}
        <LinkCheckboxes
          name="bodyIds"
          legend="Bodies this decision concerns (optional)"
          hint="For example, a sub-board whose terms of reference were ratified"
          choices={props.bodies}
          values={values}
          errors={errors}
        />
        <LinkCheckboxes
          name="organisationIds"
          legend="Organisations this decision concerns (optional)"
          hint="Select all that apply"
          choices={props.organisations}
          values={values}
          errors={errors}
        />
        <Button>Record decision</Button>
      </form>
    </Layout>
  );
}

export function DecisionEditPage(props: {
  ctx: ViewContext;
  view: DecisionView;
  values: Record<string, string>;
  errors: FieldErrors;
  bodies: Picker[];
  organisations: Picker[];
  conflict?: { text: string; kind: string } | undefined;
}) {
  const { ctx, view, values, errors } = props;
  const title = "Correct a decision";
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)}>
      <FormErrorSummary errors={errors} fieldIds={{ _form: "text", kind: "kind-1", bodyIds: "bodyIds-1", organisationIds: "organisationIds-1" }} />
      <span className="nhsuk-caption-l">
        {view.body.name}, {formatDate(view.decision.decidedOn)}: {view.item.title}
      </span>
      <h1>{title}</h1>
      {props.conflict ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Someone else saved this decision first
            </span>
          </h2>
          <p>Their version reads: “{props.conflict.text}”. Your changes are below and have not been saved. Save again to replace their version with yours.</p>
        </div>
      ) : null}
      <form method="post" action={`/decisions/${view.decision.id}`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? ""} />
        <Textarea label="Decision" labelProps={{ size: "s" }} id="text" name="text" rows={4} defaultValue={values.text ?? ""} error={errors.text} />
        <KindRadios values={values} errors={errors} allowRecommended={false} />
        <LinkCheckboxes
          name="bodyIds"
          legend="Bodies this decision concerns (optional)"
          hint="Select all that apply"
          choices={props.bodies}
          values={values}
          errors={errors}
        />
        <LinkCheckboxes
          name="organisationIds"
          legend="Organisations this decision concerns (optional)"
          hint="Select all that apply"
          choices={props.organisations}
          values={values}
          errors={errors}
        />
        <Button>Save changes</Button>
      </form>
    </Layout>
  );
}

/** The correction form's values for a stored decision. */
export function decisionEditValues(view: DecisionView, links: { bodyIds: string[]; organisationIds: string[] }): Record<string, string> {
  return {
    text: view.decision.text,
    kind: view.decision.kind,
    bodyIds: links.bodyIds.join("\n"),
    organisationIds: links.organisationIds.join("\n"),
    version: String(view.decision.version),
  };
}

export function SupersedePage(props: { ctx: ViewContext; view: DecisionView; choices: DecisionView[]; values: Record<string, string>; errors: FieldErrors }) {
  const { ctx, view, values, errors } = props;
  const title = "Mark a decision as superseded";
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)}>
      <FormErrorSummary
        errors={errors}
        fieldIds={{ _form: "supersededByDecisionId-1", supersededByDecisionId: "supersededByDecisionId-1", version: "supersededByDecisionId-1" }}
      />
      <span className="nhsuk-caption-l">
        {view.body.name}, {formatDate(view.decision.decidedOn)}
      </span>
      <h1>{title}</h1>
      <div className="nhsuk-inset-text">
        <p>{view.decision.text}</p>
      </div>
      {props.choices.length === 0 ? (
        <>
          <p>
            There is no later decision in force of {view.body.name} (or of the bodies this decision concerns) that could replace it. Record the new decision
            first.
          </p>
          <p>
            <a href={`/decisions/${view.decision.id}`}>Back to the decision</a>
          </p>
        </>
      ) : (
        <form method="post" action={`/decisions/${view.decision.id}/supersede`} noValidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="version" value={values.version ?? ""} />
          <Radios
            id="supersededByDecisionId"
            name="supersededByDecisionId"
            legend="Which decision replaces it?"
            legendProps={{ size: "s" }}
            error={errors.supersededByDecisionId}
          >
            {props.choices.map((c) => (
              <Radios.Item
                key={c.decision.id}
                value={c.decision.id}
                defaultChecked={values.supersededByDecisionId === c.decision.id}
                hint={`${c.body.name}, ${formatDate(c.decision.decidedOn)}: ${c.item.title}`}
              >
                {c.decision.text}
              </Radios.Item>
            ))}
          </Radios>
          <Button>Mark as superseded</Button>
        </form>
      )}
    </Layout>
  );
}

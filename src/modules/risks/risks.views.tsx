import { Button, Select, SummaryList, Table, Tag, Textarea, TextInput } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, HistorySection, PageLinks, formTitle, formatDate } from "../../platform/views/components.tsx";
import { BackLink, ConflictCallout, NhsDate, dateParts } from "../../platform/views/form-fields.tsx";
import type { HistoryEntry } from "../../platform/audit/audit.ts";
import type { FieldErrors } from "../../platform/http/errors.ts";
import type { ActionSummary } from "../actions/actions.presenter.ts";
import type { IssueView, RiskReviewRow, RiskView, WorkstreamRef } from "./risks.repository.ts";
import type { HeatMap } from "./risks.service.ts";
import { ISSUE_PRIORITY_LABELS, ISSUE_STATUS_LABELS, RISK_STATUS_LABELS, fieldIdFor } from "./risks.schema.ts";
import { ISSUE_PRIORITIES, ISSUE_STATUSES, RISK_STATUSES } from "./risks.tables.ts";
import { BAND_LABELS, BANDS, CONSEQUENCE_LABELS, LIKELIHOOD_LABELS, RATINGS, bandOf, scoreOf, type Band, type BandThresholds } from "./scoring.ts";
import { HeatMapFigure, ScoreLine } from "./risks.charts.tsx";
import { issueReference, riskReference, riskStatement } from "./risks.presenter.ts";

type Picker = { id: string; name: string };
type PersonPicker = { id: string; name: string; jobTitle?: string | null };

const BAND_TAG: Record<Band, "green" | "yellow" | "orange" | "red"> = { low: "green", moderate: "yellow", high: "orange", extreme: "red" };

const FIELD_LABELS: Record<string, string> = {
  title: "Title",
  cause: "Cause",
  event: "Event",
  effect: "Effect",
  category: "Category",
  ownerPersonId: "Owner",
  inherentLikelihood: "Inherent likelihood",
  inherentConsequence: "Inherent consequence",
  currentLikelihood: "Current likelihood",
  currentConsequence: "Current consequence",
  targetLikelihood: "Target likelihood",
  targetConsequence: "Target consequence",
  controls: "Controls",
  assurances: "Assurances",
  reviewOn: "Review date",
  status: "Status",
  escalatedToBodyId: "Escalated to",
  published: "Published",
  reference: "Reference",
  workstreamId: "Workstream",
  description: "Description",
  impact: "Impact",
  priority: "Priority",
  raisedOn: "Raised on",
  resolution: "Resolution",
  resolvedOn: "Resolved on",
  raisedFromRiskId: "Raised from risk",
};
const HISTORY_ACTIONS: Record<string, string> = {
  review: "Reviewed",
  close: "Closed",
  reopen: "Reopened",
  publish: "Published",
  unpublish: "Unpublished",
  occurred: "Occurred (issue raised)",
  resolve: "Resolved",
};

/** A score and its band in words and colour, e.g. "12 High". */
export function BandTag({ score, band }: { score: number; band: Band }) {
  return (
    <Tag modifier={BAND_TAG[band]}>
      {score} {BAND_LABELS[band]}
    </Tag>
  );
}

/** A likelihood × consequence score with its band in words and colour, e.g. "12 High". */
export function ScoreTag({ l, c, bands }: { l: number; c: number; bands: BandThresholds }) {
  const score = scoreOf(l, c);
  return <BandTag score={score} band={bandOf(score, bands)} />;
}

function ScoreDetail({ l, c, bands }: { l: number; c: number; bands: BandThresholds }) {
  return (
    <>
      <ScoreTag l={l} c={c} bands={bands} />{" "}
      <span className="nhsuk-body-s">
        likelihood {l} ({LIKELIHOOD_LABELS[l]}) × consequence {c} ({CONSEQUENCE_LABELS[c]})
      </span>
    </>
  );
}

function registerName(ws: WorkstreamRef | null): string {
  return ws ? ws.name : "Portfolio";
}

function RegisterLink({ ws }: { ws: WorkstreamRef | null }) {
  return ws ? <a href={`/workstreams/${ws.id}/risks`}>{ws.name}</a> : <a href="/risks?workstreamId=portfolio">Portfolio</a>;
}

function DraftTag({ published }: { published: boolean }) {
  return published ? null : (
    <>
      {" "}
      <Tag modifier="grey">Not published</Tag>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Registers

export interface RiskRegisterQuery {
  workstreamId?: string | undefined;
  status?: string | undefined;
  band?: string | undefined;
  q?: string | undefined;
}

function RiskTable({ risks, bands, showRegister, caption }: { risks: readonly RiskView[]; bands: BandThresholds; showRegister: boolean; caption: string }) {
  return (
    <Table responsive caption={caption} captionProps={{ className: "nhsuk-u-visually-hidden" }}>
      <Table.Head>
        <Table.Row>
          <Table.Cell>Ref</Table.Cell>
          <Table.Cell>Risk</Table.Cell>
          {showRegister ? <Table.Cell>Register</Table.Cell> : null}
          <Table.Cell>Owner</Table.Cell>
          <Table.Cell>Current</Table.Cell>
          <Table.Cell>Target</Table.Cell>
          <Table.Cell>Status</Table.Cell>
          <Table.Cell>Review by</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {risks.map((r) => (
          <Table.Row key={r.id}>
            <Table.Cell>{riskReference(r.reference)}</Table.Cell>
            <Table.Cell>
              <a href={`/risks/${r.id}`}>{r.title}</a>
              <DraftTag published={r.published} />
            </Table.Cell>
            {showRegister ? (
              <Table.Cell>
                <RegisterLink ws={r.workstream} />
              </Table.Cell>
            ) : null}
            <Table.Cell>{r.ownerName ?? "Not assigned"}</Table.Cell>
            <Table.Cell>
              <ScoreTag l={r.currentLikelihood} c={r.currentConsequence} bands={bands} />
            </Table.Cell>
            <Table.Cell>
              <ScoreTag l={r.targetLikelihood} c={r.targetConsequence} bands={bands} />
            </Table.Cell>
            <Table.Cell>{RISK_STATUS_LABELS[r.status]}</Table.Cell>
            <Table.Cell>{r.reviewOn ? formatDate(r.reviewOn) : "Not set"}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

/**
 * Spreadsheet export (and, for those who may change the register, import) of the register shown:
 * a workstream's, or on /risks the one the filter names (the portfolio register when none does).
 */
function SpreadsheetLinks(props: { workstream: WorkstreamRef | undefined; register: string | undefined; canImport: boolean }) {
  const workstreamKey = props.workstream?.slug ?? (props.register && props.register !== "portfolio" ? props.register : null);
  const base = workstreamKey ? `/workstreams/${workstreamKey}/risks` : "/risks/portfolio";
  const what = workstreamKey ? "" : "the portfolio register ";
  return (
    <ul className="nhsuk-list">
      <li>
        <a href={`${base}.xlsx`} download>
          Export {what}(XLSX)
        </a>
      </li>
      <li>
        <a href={`${base}.csv`} download>
          Export {what}(CSV)
        </a>
      </li>
      {workstreamKey && props.canImport ? (
        <li>
          <a href={`${base}/import`}>Import risks</a>
        </li>
      ) : null}
    </ul>
  );
}

export function RiskRegisterPage(props: {
  ctx: ViewContext;
  /** The workstream whose register this is; undefined for the portfolio page (every register). */
  workstream?: WorkstreamRef | undefined;
  risks: RiskView[];
  page: number;
  hasNext: boolean;
  query: RiskRegisterQuery;
  errors: FieldErrors;
  heatMap: HeatMap;
  bands: BandThresholds;
  workstreams: Picker[];
  canCreate: boolean;
  canGovern: boolean;
}) {
  const { ctx, query, workstream } = props;
  const title = workstream ? `Risk register: ${workstream.name}` : "Risks";
  const action = workstream ? `/workstreams/${workstream.id}/risks` : "/risks";
  const baseQuery = Object.fromEntries(Object.entries(query).filter(([, v]) => v)) as Record<string, string>;
  const filtered = Boolean(query.status || query.band || query.q || (!workstream && query.workstreamId));
  const newHref = workstream
    ? `/risks/new?workstreamId=${workstream.id}`
    : query.workstreamId && query.workstreamId !== "portfolio"
      ? `/risks/new?workstreamId=${query.workstreamId}`
      : "/risks/new";
  return (
    <Layout
      ctx={ctx}
      title={formTitle(title, props.errors)}
      beforeContent={workstream ? <BackLink href={`/workstreams/${workstream.slug}`}>{workstream.name}</BackLink> : undefined}
    >
      <FormErrorSummary errors={props.errors} />
      <h1>{title}</h1>
      <p>
        {workstream
          ? `The risks of the ${workstream.name} workstream, scored on the NHS 5×5 matrix (likelihood × consequence), highest current score first.`
          : `The risks of ${ctx.partnershipName}'s programme: every workstream's register and the portfolio register, highest current score first.`}{" "}
        <a href={workstream ? `/workstreams/${workstream.id}/issues` : "/issues"}>{workstream ? "This workstream's issues" : "Issues"}</a>
      </p>
      {props.canCreate || props.canGovern ? (
        <div className="nhsuk-button-group">
          {props.canCreate ? (
            <a className="nhsuk-button" href={newHref} role="button" draggable="false">
              Record a risk
            </a>
          ) : null}
          {props.canGovern && !workstream ? (
            <a className="nhsuk-button nhsuk-button--secondary" href="/settings/risk-bands" role="button" draggable="false">
              Risk bands
            </a>
          ) : null}
        </div>
      ) : null}
      <SpreadsheetLinks workstream={workstream} register={query.workstreamId} canImport={props.canCreate} />
      <HeatMapFigure
        id="heat-map"
        grid={props.heatMap}
        bands={props.bands}
        caption={workstream ? `Heat map of open risks: ${workstream.name}` : "Heat map of open risks"}
      />
      <h2>Register</h2>
      <form method="get" action={action} className="app-filter" role="search" aria-label="Filter risks">
        <TextInput label="Words" id="q" name="q" defaultValue={query.q ?? ""} width={20} />
        {workstream ? null : (
          <Select label="Register" id="workstreamId" name="workstreamId" defaultValue={query.workstreamId ?? ""}>
            <Select.Option value="">Every register</Select.Option>
            <Select.Option value="portfolio">Portfolio register</Select.Option>
            {props.workstreams.map((w) => (
              <Select.Option key={w.id} value={w.id}>
                {w.name}
              </Select.Option>
            ))}
          </Select>
        )}
        <Select label="Status" id="status" name="status" defaultValue={query.status ?? ""}>
          <Select.Option value="">Any status</Select.Option>
          {RISK_STATUSES.map((s) => (
            <Select.Option key={s} value={s}>
              {RISK_STATUS_LABELS[s]}
            </Select.Option>
          ))}
        </Select>
        <Select label="Current band" id="band" name="band" defaultValue={query.band ?? ""}>
          <Select.Option value="">Any band</Select.Option>
          {BANDS.map((b) => (
            <Select.Option key={b} value={b}>
              {BAND_LABELS[b]}
            </Select.Option>
          ))}
        </Select>
        <Button secondary>Filter</Button>
      </form>
      {props.risks.length === 0 ? (
        <p>{filtered ? "No risks match these filters." : "No risks have been recorded yet."}</p>
      ) : (
        <RiskTable risks={props.risks} bands={props.bands} showRegister={!workstream} caption={title} />
      )}
      <PageLinks page={props.page} hasNext={props.hasNext} baseQuery={baseQuery} />
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// One risk

export interface RiskDetailView {
  risk: RiskView;
  reviews: RiskReviewRow[];
  actions: ActionSummary[];
  issues: IssueView[];
  visibleDecisions: Map<string, string>;
  history: HistoryEntry[] | null;
}

function Paragraphs({ text }: { text: string }) {
  if (!text.trim()) return <>None recorded</>;
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i} className="nhsuk-u-margin-bottom-2">
            {p}
          </p>
        ))}
    </>
  );
}

export function RiskPage(props: {
  ctx: ViewContext;
  detail: RiskDetailView;
  bands: BandThresholds;
  canEdit: boolean;
  canGovern: boolean;
  people: PersonPicker[];
  bodies: Picker[];
  actionValues: Record<string, string>;
  actionErrors: FieldErrors;
}) {
  const { ctx, detail, bands } = props;
  const r = detail.risk;
  const ref = riskReference(r.reference);
  const statement = riskStatement(r);
  const back = r.workstream ? `/workstreams/${r.workstream.id}/risks` : "/risks?workstreamId=portfolio";
  return (
    <Layout
      ctx={ctx}
      title={formTitle(`${ref}: ${r.title}`, props.actionErrors)}
      beforeContent={<BackLink href={back}>Risk register: {registerName(r.workstream)}</BackLink>}
    >
      <FormErrorSummary errors={props.actionErrors} fieldIds={{ dueOn: "dueOn-day" }} />
      <span className="nhsuk-caption-l">
        {ref} · {registerName(r.workstream)} risk register
      </span>
      <h1>{r.title}</h1>
      <p>
        <ScoreTag l={r.currentLikelihood} c={r.currentConsequence} bands={bands} />{" "}
        <Tag modifier={r.status === "open" ? "blue" : "grey"}>{RISK_STATUS_LABELS[r.status]}</Tag>
        <DraftTag published={r.published} />
        {r.isExample ? (
          <>
            {" "}
            <Tag modifier="purple">Example</Tag>
          </>
        ) : null}
      </p>
      {statement ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Risk: </span>
          <p>{statement}</p>
        </div>
      ) : null}
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Reference</SummaryList.Key>
          <SummaryList.Value>{ref}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Register</SummaryList.Key>
          <SummaryList.Value>
            <RegisterLink ws={r.workstream} />
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Owner</SummaryList.Key>
          <SummaryList.Value>{r.ownerPersonId && r.ownerName ? <a href={`/people/${r.ownerPersonId}`}>{r.ownerName}</a> : "Not assigned"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Category</SummaryList.Key>
          <SummaryList.Value>{r.category || "Not set"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Inherent score</SummaryList.Key>
          <SummaryList.Value>
            <ScoreDetail l={r.inherentLikelihood} c={r.inherentConsequence} bands={bands} />
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Current score</SummaryList.Key>
          <SummaryList.Value>
            <ScoreDetail l={r.currentLikelihood} c={r.currentConsequence} bands={bands} />
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Target score</SummaryList.Key>
          <SummaryList.Value>
            <ScoreDetail l={r.targetLikelihood} c={r.targetConsequence} bands={bands} />
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Controls</SummaryList.Key>
          <SummaryList.Value>
            <Paragraphs text={r.controls} />
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Assurances</SummaryList.Key>
          <SummaryList.Value>
            <Paragraphs text={r.assurances} />
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Review by</SummaryList.Key>
          <SummaryList.Value>{r.reviewOn ? formatDate(r.reviewOn) : "Not set"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Status</SummaryList.Key>
          <SummaryList.Value>{RISK_STATUS_LABELS[r.status]}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Escalated to</SummaryList.Key>
          <SummaryList.Value>
            {r.escalatedToBodyId && r.escalatedToBodyName ? <a href={`/bodies/${r.escalatedToBodyId}`}>{r.escalatedToBodyName}</a> : "Not escalated"}
          </SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
      {props.canEdit || props.canGovern ? (
        <div className="nhsuk-button-group">
          {props.canEdit ? (
            <>
              <a className="nhsuk-button nhsuk-button--secondary" href={`/risks/${r.id}/edit`} role="button" draggable="false">
                Edit risk
              </a>
              {r.status === "open" ? (
                <>
                  <a className="nhsuk-button nhsuk-button--secondary" href={`/risks/${r.id}/review`} role="button" draggable="false">
                    Review score
                  </a>
                  <a className="nhsuk-button nhsuk-button--secondary" href={`/risks/${r.id}/raise-issue`} role="button" draggable="false">
                    Raise an issue from this risk
                  </a>
                </>
              ) : null}
              {r.status !== "occurred" ? (
                <form method="post" action={`/risks/${r.id}/${r.status === "open" ? "close" : "reopen"}`} className="app-inline-form">
                  <CsrfField token={ctx.csrfToken} />
                  <input type="hidden" name="version" value={r.version} />
                  <Button secondary>{r.status === "open" ? "Close risk" : "Reopen risk"}</Button>
                </form>
              ) : null}
            </>
          ) : null}
          {props.canGovern ? (
            <form method="post" action={`/risks/${r.id}/publish`} className="app-inline-form">
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="version" value={r.version} />
              <input type="hidden" name="published" value={r.published ? "no" : "yes"} />
              <Button secondary>{r.published ? "Unpublish" : "Publish"}</Button>
            </form>
          ) : null}
        </div>
      ) : null}

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">Mitigating actions</h2>
        {detail.actions.length === 0 ? (
          <p>No mitigating actions {ctx.principal.kind === "anonymous" ? "have been published" : "have been recorded"}.</p>
        ) : (
          <Table responsive caption="Mitigating actions" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
            <Table.Head>
              <Table.Row>
                <Table.Cell>Action</Table.Cell>
                <Table.Cell>Owner</Table.Cell>
                <Table.Cell>Due</Table.Cell>
                <Table.Cell>Status</Table.Cell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {detail.actions.map((a) => (
                <Table.Row key={a.id}>
                  <Table.Cell>
                    <a href={`/actions/${a.id}`}>{a.description}</a>
                  </Table.Cell>
                  <Table.Cell>{a.owner.name}</Table.Cell>
                  <Table.Cell>{a.dueOn ? formatDate(a.dueOn) : "No date"}</Table.Cell>
                  <Table.Cell>
                    {a.status.replace("_", " ")}
                    {a.overdue ? " (overdue)" : ""}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        {props.canEdit ? (
          <form method="post" action={`/risks/${r.id}/actions`} noValidate>
            <CsrfField token={ctx.csrfToken} />
            <h3>Add a mitigating action</h3>
            <Textarea
              label="What is to be done"
              id="description"
              name="description"
              rows={2}
              defaultValue={props.actionValues.description ?? ""}
              error={props.actionErrors.description}
            />
            <Select
              label="Owner"
              id="ownerPersonId"
              name="ownerPersonId"
              defaultValue={props.actionValues.ownerPersonId ?? r.ownerPersonId ?? ""}
              error={props.actionErrors.ownerPersonId}
            >
              <Select.Option value="">Select a person</Select.Option>
              {props.people.map((p) => (
                <Select.Option key={p.id} value={p.id}>
                  {p.name}
                </Select.Option>
              ))}
            </Select>
            <NhsDate name="dueOn" legend="Due date (optional)" values={props.actionValues} errors={props.actionErrors} />
            <Select
              label="Action log"
              hint="The body whose action log holds the action: usually the body that oversees the workstream, or the programme board"
              id="bodyId"
              name="bodyId"
              defaultValue={props.actionValues.bodyId ?? ""}
              error={props.actionErrors.bodyId}
            >
              <Select.Option value="">Select a body</Select.Option>
              {props.bodies.map((b) => (
                <Select.Option key={b.id} value={b.id}>
                  {b.name}
                </Select.Option>
              ))}
            </Select>
            <Button secondary>Add action</Button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">Score reviews</h2>
        {detail.reviews.length === 0 ? (
          <p>The score has not been reviewed yet.</p>
        ) : (
          <>
            <ScoreLine points={detail.reviews.map((v) => ({ reviewedOn: v.reviewedOn, score: scoreOf(v.likelihood, v.consequence) }))} bands={bands} />
            <Table responsive caption="Reviews of the current score, oldest first">
              <Table.Head>
                <Table.Row>
                  <Table.Cell>Reviewed on</Table.Cell>
                  <Table.Cell>Score</Table.Cell>
                  <Table.Cell>Note</Table.Cell>
                  <Table.Cell>Decision</Table.Cell>
                  <Table.Cell>By</Table.Cell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {detail.reviews.map((v) => {
                  const decisionText = v.decisionId ? detail.visibleDecisions.get(v.decisionId) : undefined;
                  return (
                    <Table.Row key={v.id}>
                      <Table.Cell>{formatDate(v.reviewedOn)}</Table.Cell>
                      <Table.Cell>
                        <ScoreTag l={v.likelihood} c={v.consequence} bands={bands} /> ({v.likelihood} × {v.consequence})
                      </Table.Cell>
                      <Table.Cell>{v.note}</Table.Cell>
                      <Table.Cell>{v.decisionId && decisionText ? <a href={`/decisions/${v.decisionId}`}>{decisionText}</a> : "None"}</Table.Cell>
                      <Table.Cell>{v.recordedByName}</Table.Cell>
                    </Table.Row>
                  );
                })}
              </Table.Body>
            </Table>
          </>
        )}
      </section>

      {detail.issues.length > 0 ? (
        <section aria-labelledby="issues-heading">
          <h2 id="issues-heading">Issues raised from this risk</h2>
          <ul>
            {detail.issues.map((i) => (
              <li key={i.id}>
                <a href={`/issues/${i.id}`}>
                  {issueReference(i.reference)}: {i.title}
                </a>{" "}
                ({ISSUE_STATUS_LABELS[i.status]})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {detail.history ? (
        <HistorySection entries={detail.history.map((h) => ({ ...h, action: HISTORY_ACTIONS[h.action] ?? h.action }))} labels={FIELD_LABELS} />
      ) : null}
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Forms

function RatingSelect({
  name,
  label,
  kind,
  values,
  errors,
}: {
  name: string;
  label: string;
  kind: "likelihood" | "consequence";
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const labels = kind === "likelihood" ? LIKELIHOOD_LABELS : CONSEQUENCE_LABELS;
  return (
    <Select label={label} id={name} name={name} defaultValue={values[name] ?? ""} error={errors[name]}>
      <Select.Option value="">Select {kind}</Select.Option>
      {RATINGS.map((n) => (
        <Select.Option key={n} value={String(n)}>
          {`${n} ${labels[n]}`}
        </Select.Option>
      ))}
    </Select>
  );
}

function ScorePair({
  prefix,
  legend,
  values,
  errors,
}: {
  prefix: "inherent" | "current" | "target";
  legend: string;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  return (
    <fieldset className="nhsuk-fieldset">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
      <RatingSelect name={`${prefix}Likelihood`} label="Likelihood" kind="likelihood" values={values} errors={errors} />
      <RatingSelect name={`${prefix}Consequence`} label="Consequence" kind="consequence" values={values} errors={errors} />
    </fieldset>
  );
}

function PersonSelect({
  name,
  label,
  people,
  values,
  errors,
}: {
  name: string;
  label: string;
  people: PersonPicker[];
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  return (
    <Select label={label} id={name} name={name} defaultValue={values[name] ?? ""} error={errors[name]}>
      <Select.Option value="">Not assigned</Select.Option>
      {people.map((p) => (
        <Select.Option key={p.id} value={p.id}>
          {p.jobTitle ? `${p.name}, ${p.jobTitle}` : p.name}
        </Select.Option>
      ))}
    </Select>
  );
}

function BodySelect({ values, errors, bodies }: { values: Record<string, string>; errors: FieldErrors; bodies: Picker[] }) {
  return (
    <Select
      label="Escalated to (optional)"
      hint="The body this is escalated to, if any"
      id="escalatedToBodyId"
      name="escalatedToBodyId"
      defaultValue={values.escalatedToBodyId ?? ""}
      error={errors.escalatedToBodyId}
    >
      <Select.Option value="">Not escalated</Select.Option>
      {bodies.map((b) => (
        <Select.Option key={b.id} value={b.id}>
          {b.name}
        </Select.Option>
      ))}
    </Select>
  );
}

const errorFieldIds = (errors: FieldErrors) => Object.fromEntries(Object.keys(errors).map((k) => [k, fieldIdFor(k)]));

export function RiskFormPage(props: {
  ctx: ViewContext;
  mode: "create" | "edit";
  risk?: RiskView | undefined;
  workstream: WorkstreamRef | null;
  values: Record<string, string>;
  errors: FieldErrors;
  people: PersonPicker[];
  bodies: Picker[];
  conflict?: RiskView | undefined;
}) {
  const { ctx, values, errors, risk } = props;
  const title = props.mode === "create" ? "Record a risk" : "Edit a risk";
  const action = props.mode === "create" ? "/risks" : `/risks/${risk?.id ?? ""}`;
  const back = risk ? `/risks/${risk.id}` : props.workstream ? `/workstreams/${props.workstream.id}/risks` : "/risks";
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={back}>Back</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={errorFieldIds(errors)} />
      <span className="nhsuk-caption-l">
        {risk ? `${riskReference(risk.reference)} · ` : ""}
        {registerName(props.workstream)} risk register
      </span>
      <h1>{title}</h1>
      {props.conflict ? (
        <ConflictCallout heading="Someone else saved this risk first">
          <p>
            Their version is titled “{props.conflict.title}”. Your changes are below and have not been saved. Save again to replace their version with yours.
          </p>
        </ConflictCallout>
      ) : null}
      <form method="post" action={action} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? ""} />
        {props.mode === "create" ? <input type="hidden" name="workstreamId" value={props.workstream?.id ?? ""} /> : null}
        <TextInput
          label="Title"
          hint="A few words people will recognise, for example: Workforce capacity"
          id="title"
          name="title"
          defaultValue={values.title ?? ""}
          error={errors.title}
        />
        <Textarea
          label="Event: there is a risk that…"
          hint="What might happen"
          id="event"
          name="event"
          rows={2}
          defaultValue={values.event ?? ""}
          error={errors.event}
        />
        <Textarea label="Cause: caused by…" id="cause" name="cause" rows={2} defaultValue={values.cause ?? ""} error={errors.cause} />
        <Textarea label="Effect: resulting in…" id="effect" name="effect" rows={2} defaultValue={values.effect ?? ""} error={errors.effect} />
        <TextInput
          label="Category (optional)"
          hint="For example: finance, workforce, quality, delivery"
          id="category"
          name="category"
          defaultValue={values.category ?? ""}
          error={errors.category}
          width={20}
        />
        <PersonSelect name="ownerPersonId" label="Owner" people={props.people} values={values} errors={errors} />
        <ScorePair prefix="inherent" legend="Inherent score (before controls)" values={values} errors={errors} />
        {props.mode === "create" ? (
          <ScorePair prefix="current" legend="Current score (with the controls in place)" values={values} errors={errors} />
        ) : (
          <p>
            The current score changes through a <a href={`/risks/${risk?.id ?? ""}/review`}>review</a>, so that its history is kept.
          </p>
        )}
        <ScorePair prefix="target" legend="Target score (when the actions are done)" values={values} errors={errors} />
        <Textarea
          label="Controls (optional)"
          hint="What is in place now to manage the risk"
          id="controls"
          name="controls"
          rows={3}
          defaultValue={values.controls ?? ""}
          error={errors.controls}
        />
        <Textarea
          label="Assurances (optional)"
          hint="How the board knows the controls work"
          id="assurances"
          name="assurances"
          rows={3}
          defaultValue={values.assurances ?? ""}
          error={errors.assurances}
        />
        <NhsDate name="reviewOn" legend="Review by (optional)" values={values} errors={errors} />
        <BodySelect values={values} errors={errors} bodies={props.bodies} />
        <Button>{props.mode === "create" ? "Record risk" : "Save changes"}</Button>
      </form>
    </Layout>
  );
}

/** The edit form's values for a stored risk. */
export function riskFormValues(r: RiskView): Record<string, string> {
  return {
    title: r.title,
    cause: r.cause,
    event: r.event,
    effect: r.effect,
    category: r.category,
    ownerPersonId: r.ownerPersonId ?? "",
    inherentLikelihood: String(r.inherentLikelihood),
    inherentConsequence: String(r.inherentConsequence),
    targetLikelihood: String(r.targetLikelihood),
    targetConsequence: String(r.targetConsequence),
    controls: r.controls,
    assurances: r.assurances,
    ...dateParts("reviewOn", r.reviewOn),
    escalatedToBodyId: r.escalatedToBodyId ?? "",
    version: String(r.version),
  };
}

export function RiskReviewPage(props: {
  ctx: ViewContext;
  risk: RiskView;
  bands: BandThresholds;
  values: Record<string, string>;
  errors: FieldErrors;
  decisions: { id: string; text: string; decidedOn: string; bodyName: string }[];
  conflict?: boolean;
}) {
  const { ctx, risk, values, errors } = props;
  const title = "Review a risk's score";
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={`/risks/${risk.id}`}>Back to the risk</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={errorFieldIds(errors)} />
      <span className="nhsuk-caption-l">
        {riskReference(risk.reference)}: {risk.title}
      </span>
      <h1>{title}</h1>
      {props.conflict ? (
        <ConflictCallout heading="Someone else changed this risk first">
          <p>Its current score is now shown below. Check your review and save again.</p>
        </ConflictCallout>
      ) : null}
      <p>
        Current score: <ScoreDetail l={risk.currentLikelihood} c={risk.currentConsequence} bands={props.bands} />
      </p>
      <form method="post" action={`/risks/${risk.id}/review`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? ""} />
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">New current score</legend>
          <RatingSelect name="likelihood" label="Likelihood" kind="likelihood" values={values} errors={errors} />
          <RatingSelect name="consequence" label="Consequence" kind="consequence" values={values} errors={errors} />
        </fieldset>
        <NhsDate name="reviewedOn" legend="Date of the review (optional)" hint="Today if left empty. For example, 5 3 2018" values={values} errors={errors} />
        <Textarea
          label="Note (optional)"
          hint="Why the score changed, or why it stays the same"
          id="note"
          name="note"
          rows={3}
          defaultValue={values.note ?? ""}
          error={errors.note}
        />
        <Select
          label="Decision that changed it (optional)"
          hint="A recent decision of the body that oversees this register"
          id="decisionId"
          name="decisionId"
          defaultValue={values.decisionId ?? ""}
          error={errors.decisionId}
        >
          <Select.Option value="">No decision</Select.Option>
          {props.decisions.map((d) => (
            <Select.Option key={d.id} value={d.id}>
              {`${formatDate(d.decidedOn)}, ${d.bodyName}: ${d.text.length > 90 ? `${d.text.slice(0, 87)}…` : d.text}`}
            </Select.Option>
          ))}
        </Select>
        <Button>Save review</Button>
      </form>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Issues

function IssueFields({ values, errors, people, bodies }: { values: Record<string, string>; errors: FieldErrors; people: PersonPicker[]; bodies: Picker[] }) {
  return (
    <>
      <TextInput label="Title" id="title" name="title" defaultValue={values.title ?? ""} error={errors.title} />
      <Textarea
        label="Description (optional)"
        hint="What has happened"
        id="description"
        name="description"
        rows={3}
        defaultValue={values.description ?? ""}
        error={errors.description}
      />
      <Textarea
        label="Impact (optional)"
        hint="What it means for the workstream and the partnership"
        id="impact"
        name="impact"
        rows={3}
        defaultValue={values.impact ?? ""}
        error={errors.impact}
      />
      <Select label="Priority" id="priority" name="priority" defaultValue={values.priority ?? "medium"} error={errors.priority}>
        {ISSUE_PRIORITIES.map((p) => (
          <Select.Option key={p} value={p}>
            {ISSUE_PRIORITY_LABELS[p]}
          </Select.Option>
        ))}
      </Select>
      <PersonSelect name="ownerPersonId" label="Owner" people={people} values={values} errors={errors} />
      <NhsDate name="raisedOn" legend="Raised on (optional)" hint="Today if left empty. For example, 5 3 2018" values={values} errors={errors} />
      <BodySelect values={values} errors={errors} bodies={bodies} />
    </>
  );
}

export function RaiseIssuePage(props: {
  ctx: ViewContext;
  risk: RiskView;
  values: Record<string, string>;
  errors: FieldErrors;
  people: PersonPicker[];
  bodies: Picker[];
}) {
  const { ctx, risk, values, errors } = props;
  const title = "Raise an issue from a risk";
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={`/risks/${risk.id}`}>Back to the risk</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={errorFieldIds(errors)} />
      <span className="nhsuk-caption-l">
        {riskReference(risk.reference)}: {risk.title}
      </span>
      <h1>{title}</h1>
      <p>The risk has happened. The issue is recorded on the same register, linked to the risk, and the risk is marked as occurred.</p>
      <form method="post" action={`/risks/${risk.id}/raise-issue`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? ""} />
        <IssueFields values={values} errors={errors} people={props.people} bodies={props.bodies} />
        <Button>Raise issue</Button>
      </form>
    </Layout>
  );
}

export interface IssueRegisterQuery {
  workstreamId?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
}

export function IssueRegisterPage(props: {
  ctx: ViewContext;
  workstream?: WorkstreamRef | undefined;
  issues: IssueView[];
  page: number;
  hasNext: boolean;
  query: IssueRegisterQuery;
  workstreams: Picker[];
  canCreate: boolean;
}) {
  const { ctx, query, workstream } = props;
  const title = workstream ? `Issues: ${workstream.name}` : "Issues";
  const action = workstream ? `/workstreams/${workstream.id}/issues` : "/issues";
  const baseQuery = Object.fromEntries(Object.entries(query).filter(([, v]) => v)) as Record<string, string>;
  const filtered = Boolean(query.status || query.q || (!workstream && query.workstreamId));
  const newHref = workstream ? `/issues/new?workstreamId=${workstream.id}` : "/issues/new";
  return (
    <Layout ctx={ctx} title={title} beforeContent={workstream ? <BackLink href={`/workstreams/${workstream.slug}`}>{workstream.name}</BackLink> : undefined}>
      <h1>{title}</h1>
      <p>
        Issues are things that have happened and are being managed, some of them risks that occurred.{" "}
        <a href={workstream ? `/workstreams/${workstream.id}/risks` : "/risks"}>{workstream ? "This workstream's risks" : "Risks"}</a>
      </p>
      {props.canCreate ? (
        <a className="nhsuk-button" href={newHref} role="button" draggable="false">
          Record an issue
        </a>
      ) : null}
      <form method="get" action={action} className="app-filter" role="search" aria-label="Filter issues">
        <TextInput label="Words" id="q" name="q" defaultValue={query.q ?? ""} width={20} />
        {workstream ? null : (
          <Select label="Register" id="workstreamId" name="workstreamId" defaultValue={query.workstreamId ?? ""}>
            <Select.Option value="">Every register</Select.Option>
            <Select.Option value="portfolio">Portfolio register</Select.Option>
            {props.workstreams.map((w) => (
              <Select.Option key={w.id} value={w.id}>
                {w.name}
              </Select.Option>
            ))}
          </Select>
        )}
        <Select label="Status" id="status" name="status" defaultValue={query.status ?? ""}>
          <Select.Option value="">Any status</Select.Option>
          {ISSUE_STATUSES.map((s) => (
            <Select.Option key={s} value={s}>
              {ISSUE_STATUS_LABELS[s]}
            </Select.Option>
          ))}
        </Select>
        <Button secondary>Filter</Button>
      </form>
      {props.issues.length === 0 ? (
        <p>{filtered ? "No issues match these filters." : "No issues have been recorded yet."}</p>
      ) : (
        <Table responsive caption={title} captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Ref</Table.Cell>
              <Table.Cell>Issue</Table.Cell>
              {workstream ? null : <Table.Cell>Register</Table.Cell>}
              <Table.Cell>Priority</Table.Cell>
              <Table.Cell>Owner</Table.Cell>
              <Table.Cell>Raised</Table.Cell>
              <Table.Cell>Status</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {props.issues.map((i) => (
              <Table.Row key={i.id}>
                <Table.Cell>{issueReference(i.reference)}</Table.Cell>
                <Table.Cell>
                  <a href={`/issues/${i.id}`}>{i.title}</a>
                  <DraftTag published={i.published} />
                </Table.Cell>
                {workstream ? null : (
                  <Table.Cell>{i.workstream ? <a href={`/workstreams/${i.workstream.id}/issues`}>{i.workstream.name}</a> : "Portfolio"}</Table.Cell>
                )}
                <Table.Cell>{ISSUE_PRIORITY_LABELS[i.priority]}</Table.Cell>
                <Table.Cell>{i.ownerName ?? "Not assigned"}</Table.Cell>
                <Table.Cell>{formatDate(i.raisedOn)}</Table.Cell>
                <Table.Cell>{ISSUE_STATUS_LABELS[i.status]}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <PageLinks page={props.page} hasNext={props.hasNext} baseQuery={baseQuery} />
    </Layout>
  );
}

export function IssuePage(props: { ctx: ViewContext; issue: IssueView; canEdit: boolean; canGovern: boolean; history: HistoryEntry[] | null }) {
  const { ctx, issue: i } = props;
  const ref = issueReference(i.reference);
  const back = i.workstream ? `/workstreams/${i.workstream.id}/issues` : "/issues?workstreamId=portfolio";
  return (
    <Layout ctx={ctx} title={`${ref}: ${i.title}`} beforeContent={<BackLink href={back}>Issues: {registerName(i.workstream)}</BackLink>}>
      <span className="nhsuk-caption-l">
        {ref} · {registerName(i.workstream)} issues
      </span>
      <h1>{i.title}</h1>
      <p>
        <Tag modifier={i.status === "open" ? "blue" : "green"}>{ISSUE_STATUS_LABELS[i.status]}</Tag>{" "}
        <Tag modifier="grey">{`${ISSUE_PRIORITY_LABELS[i.priority]} priority`}</Tag>
        <DraftTag published={i.published} />
      </p>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Reference</SummaryList.Key>
          <SummaryList.Value>{ref}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Description</SummaryList.Key>
          <SummaryList.Value>
            <Paragraphs text={i.description} />
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Impact</SummaryList.Key>
          <SummaryList.Value>
            <Paragraphs text={i.impact} />
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Owner</SummaryList.Key>
          <SummaryList.Value>{i.ownerName ?? "Not assigned"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Raised on</SummaryList.Key>
          <SummaryList.Value>{formatDate(i.raisedOn)}</SummaryList.Value>
        </SummaryList.Row>
        {i.raisedFromRiskId && i.raisedFromRiskReference !== null ? (
          <SummaryList.Row>
            <SummaryList.Key>Raised from</SummaryList.Key>
            <SummaryList.Value>
              <a href={`/risks/${i.raisedFromRiskId}`}>Risk {riskReference(i.raisedFromRiskReference)}</a>
            </SummaryList.Value>
          </SummaryList.Row>
        ) : null}
        <SummaryList.Row>
          <SummaryList.Key>Escalated to</SummaryList.Key>
          <SummaryList.Value>{i.escalatedToBodyName ?? "Not escalated"}</SummaryList.Value>
        </SummaryList.Row>
        {i.status !== "open" ? (
          <>
            <SummaryList.Row>
              <SummaryList.Key>Resolution</SummaryList.Key>
              <SummaryList.Value>
                <Paragraphs text={i.resolution ?? ""} />
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Resolved on</SummaryList.Key>
              <SummaryList.Value>{i.resolvedOn ? formatDate(i.resolvedOn) : "Not recorded"}</SummaryList.Value>
            </SummaryList.Row>
          </>
        ) : null}
      </SummaryList>
      {props.canEdit || props.canGovern ? (
        <div className="nhsuk-button-group">
          {props.canEdit ? (
            <>
              <a className="nhsuk-button nhsuk-button--secondary" href={`/issues/${i.id}/edit`} role="button" draggable="false">
                Edit issue
              </a>
              {i.status === "open" ? (
                <a className="nhsuk-button nhsuk-button--secondary" href={`/issues/${i.id}/resolve`} role="button" draggable="false">
                  Resolve issue
                </a>
              ) : null}
            </>
          ) : null}
          {props.canGovern ? (
            <form method="post" action={`/issues/${i.id}/publish`} className="app-inline-form">
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="version" value={i.version} />
              <input type="hidden" name="published" value={i.published ? "no" : "yes"} />
              <Button secondary>{i.published ? "Unpublish" : "Publish"}</Button>
            </form>
          ) : null}
        </div>
      ) : null}
      {props.history ? (
        <HistorySection entries={props.history.map((h) => ({ ...h, action: HISTORY_ACTIONS[h.action] ?? h.action }))} labels={FIELD_LABELS} />
      ) : null}
    </Layout>
  );
}

export function IssueFormPage(props: {
  ctx: ViewContext;
  mode: "create" | "edit";
  issue?: IssueView | undefined;
  workstream: WorkstreamRef | null;
  values: Record<string, string>;
  errors: FieldErrors;
  people: PersonPicker[];
  bodies: Picker[];
  conflict?: IssueView | undefined;
}) {
  const { ctx, values, errors, issue } = props;
  const title = props.mode === "create" ? "Record an issue" : "Edit an issue";
  const back = issue ? `/issues/${issue.id}` : props.workstream ? `/workstreams/${props.workstream.id}/issues` : "/issues";
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={back}>Back</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={errorFieldIds(errors)} />
      <span className="nhsuk-caption-l">
        {issue ? `${issueReference(issue.reference)} · ` : ""}
        {registerName(props.workstream)} issues
      </span>
      <h1>{title}</h1>
      {props.conflict ? (
        <ConflictCallout heading="Someone else saved this issue first">
          <p>
            Their version is titled “{props.conflict.title}”. Your changes are below and have not been saved. Save again to replace their version with yours.
          </p>
        </ConflictCallout>
      ) : null}
      <form method="post" action={props.mode === "create" ? "/issues" : `/issues/${issue?.id ?? ""}`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? ""} />
        {props.mode === "create" ? <input type="hidden" name="workstreamId" value={props.workstream?.id ?? ""} /> : null}
        <IssueFields values={values} errors={errors} people={props.people} bodies={props.bodies} />
        <Button>{props.mode === "create" ? "Record issue" : "Save changes"}</Button>
      </form>
    </Layout>
  );
}

export function issueFormValues(i: IssueView): Record<string, string> {
  return {
    title: i.title,
    description: i.description,
    impact: i.impact,
    priority: i.priority,
    ownerPersonId: i.ownerPersonId ?? "",
    ...dateParts("raisedOn", i.raisedOn),
    escalatedToBodyId: i.escalatedToBodyId ?? "",
    version: String(i.version),
  };
}

export function ResolveIssuePage(props: { ctx: ViewContext; issue: IssueView; values: Record<string, string>; errors: FieldErrors; conflict?: boolean }) {
  const { ctx, issue, values, errors } = props;
  const title = "Resolve an issue";
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={`/issues/${issue.id}`}>Back to the issue</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={errorFieldIds(errors)} />
      <span className="nhsuk-caption-l">
        {issueReference(issue.reference)}: {issue.title}
      </span>
      <h1>{title}</h1>
      {props.conflict ? (
        <ConflictCallout heading="Someone else changed this issue first">
          <p>Check the issue and save again.</p>
        </ConflictCallout>
      ) : null}
      <form method="post" action={`/issues/${issue.id}/resolve`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? ""} />
        <Textarea
          label="Resolution"
          hint="How the issue was resolved"
          id="resolution"
          name="resolution"
          rows={4}
          defaultValue={values.resolution ?? ""}
          error={errors.resolution}
        />
        <NhsDate name="resolvedOn" legend="Resolved on (optional)" hint="Today if left empty. For example, 5 3 2018" values={values} errors={errors} />
        <Button>Resolve issue</Button>
      </form>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Bands

export function RiskBandsPage(props: { ctx: ViewContext; values: Record<string, string>; errors: FieldErrors; conflict?: boolean }) {
  const { ctx, values, errors } = props;
  const title = "Risk bands";
  const field = (name: string, label: string) => (
    <TextInput label={label} id={name} name={name} inputMode="numeric" width={2} defaultValue={values[name] ?? ""} error={errors[name]} />
  );
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href="/risks">Risks</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={errorFieldIds(errors)} />
      <h1>{title}</h1>
      <p>
        A risk&rsquo;s score is its likelihood times its consequence, from 1 to 25. Scores below the moderate threshold are low. The NHS default is moderate
        from 4, high from 8 and extreme from 15.
      </p>
      {props.conflict ? (
        <ConflictCallout heading="Someone else changed the bands first">
          <p>Their values are shown below. Save again to replace them.</p>
        </ConflictCallout>
      ) : null}
      <form method="post" action="/settings/risk-bands" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? ""} />
        {field("moderateFrom", "Moderate from")}
        {field("highFrom", "High from")}
        {field("extremeFrom", "Extreme from")}
        <Button>Save bands</Button>
      </form>
    </Layout>
  );
}

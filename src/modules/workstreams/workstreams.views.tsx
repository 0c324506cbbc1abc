import { Button, Checkboxes, Fieldset, Radios, Select, SummaryList, Table, Tag, Textarea, TextInput } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, HistorySection, PageLinks, formTitle, formatDate, formatDateTime, NamedLinks } from "../../platform/views/components.tsx";
import { BackLink, ConflictCallout } from "../../platform/views/form-fields.tsx";
import type { HistoryEntry } from "../../platform/audit/audit.ts";
import type { FieldErrors } from "../../platform/http/errors.ts";
import { DECISION_KIND_LABELS } from "../decisions/decisions.schema.ts";
import type { DecisionRecord } from "../decisions/decisions.service.ts";
import { ActionTable } from "../actions/actions.views.tsx";
import type { ActionView } from "../actions/actions.repository.ts";
import { ACTION_STATUS_FILTER_LABELS, ACTION_STATUS_FILTERS } from "../actions/actions.schema.ts";
import { CONTRIBUTION_LEVELS, WORKSTREAM_STATUSES, type WorkstreamStatus } from "./workstreams.tables.ts";
import { CONTRIBUTION_LABELS, LEAD_ROWS, WORKSTREAM_STATUS_LABELS } from "./workstreams.schema.ts";
import type { TrailItem, WorkstreamDetail, WorkstreamListEntry, WorkstreamTrail } from "./workstreams.service.ts";
import type { DecisionEffectKind } from "../portfolio/portfolio.tables.ts";

export const workstreamHref = (w: { slug: string }) => `/workstreams/${w.slug}`;

const STATUS_TAG: Record<WorkstreamStatus, "white" | "green" | "grey"> = { proposed: "white", active: "green", closed: "grey" };

const EFFECT_LABELS: Record<DecisionEffectKind, string> = {
  approves_plan: "Approved the plan and budget",
  changes_budget: "Changed the budget",
  changes_milestone: "Changed a milestone",
  changes_risk: "Changed a risk",
};

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  slug: "Address",
  description: "Description",
  sroPersonId: "Senior responsible owner",
  overseeingBodyId: "Overseeing body",
  status: "Status",
  published: "Published",
  archivedAt: "Archived",
  leads: "Leads",
  organisationIds: "Organisations",
  contributions: "Contributions to objectives",
  position: "Position",
  userId: "User",
  decisionId: "Decision",
  agendaItemId: "Agenda item",
};

const HISTORY_ACTIONS: Record<string, string> = {
  publish: "Published",
  unpublish: "Withdrawn from the public",
  link_decision: "Decision linked",
  unlink_decision: "Decision unlinked",
  link_agenda_item: "Agenda item linked",
  unlink_agenda_item: "Agenda item unlinked",
  add_contributor: "Contributor assigned",
  remove_contributor: "Contributor removed",
};

type Named = { id: string; name: string };
type PersonChoice = { id: string; name: string; jobTitle?: string | null; organisationName?: string | null };

/** The state tags a workstream carries wherever it is listed. */
export function WorkstreamTags({ w }: { w: { status: WorkstreamStatus; published: boolean; archivedAt: Date | null } }) {
  return (
    <>
      <Tag modifier={STATUS_TAG[w.status]}>{WORKSTREAM_STATUS_LABELS[w.status]}</Tag>
      {!w.published ? (
        <>
          {" "}
          <Tag modifier="orange">Not published</Tag>
        </>
      ) : null}
      {w.archivedAt ? (
        <>
          {" "}
          <Tag modifier="grey">Archived</Tag>
        </>
      ) : null}
    </>
  );
}

/** "Workstreams: …" links, as the decision and agenda item pages show them. */
export function WorkstreamLinks({ workstreams }: { workstreams: readonly { slug: string; name: string }[] | undefined }) {
  if (!workstreams || workstreams.length === 0) return null;
  return (
    <p className="app-workstream-links">
      Workstreams:{" "}
      {workstreams.map((w, i) => (
        <span key={w.slug}>
          {i > 0 ? ", " : ""}
          <a href={workstreamHref(w)}>{w.name}</a>
        </span>
      ))}
    </p>
  );
}

const londonDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

// ---------------------------------------------------------------------------------------------
// The list

export function WorkstreamListPage(props: { ctx: ViewContext; rows: WorkstreamListEntry[]; status: string; canGovern: boolean }) {
  const { ctx, rows } = props;
  return (
    <Layout ctx={ctx} title="Workstreams">
      <h1>Workstreams</h1>
      <p>The programmes of work {ctx.partnershipName}&rsquo;s boards hold to account for closing the partnership&rsquo;s gaps.</p>
      {props.canGovern ? (
        <p>
          <a className="nhsuk-button" href="/workstreams/new" role="button" draggable="false">
            Create a workstream
          </a>
        </p>
      ) : null}
      <form method="get" action="/workstreams" className="app-filter" role="search" aria-label="Filter workstreams">
        <Select label="Status" id="status" name="status" defaultValue={props.status}>
          <Select.Option value="">Any status</Select.Option>
          {WORKSTREAM_STATUSES.map((s) => (
            <Select.Option key={s} value={s}>
              {WORKSTREAM_STATUS_LABELS[s]}
            </Select.Option>
          ))}
        </Select>
        <Button secondary>Filter</Button>
      </form>
      {rows.length === 0 ? (
        <p>{props.status ? "No workstreams have this status." : "No workstreams have been published yet."}</p>
      ) : (
        <Table responsive caption="Workstreams" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Workstream</Table.Cell>
              <Table.Cell>Status</Table.Cell>
              <Table.Cell>Senior responsible owner</Table.Cell>
              <Table.Cell>Overseen by</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((w) => (
              <Table.Row key={w.id}>
                <Table.Cell>
                  <a href={workstreamHref(w)}>{w.name}</a>
                </Table.Cell>
                <Table.Cell>
                  <WorkstreamTags w={w} />
                </Table.Cell>
                <Table.Cell>{w.sro ? w.sro.name : "Not named"}</Table.Cell>
                <Table.Cell>{w.overseeingBody ? <a href={`/bodies/${w.overseeingBody.id}`}>{w.overseeingBody.name}</a> : "Not set"}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// The hub

function meetingLabel(m: { title: string | null; startsAt: Date; body: { name: string } }) {
  return `${m.title ?? m.body.name}, ${londonDate.format(m.startsAt)}`;
}

function TrailDecisions({ trail }: { trail: WorkstreamTrail }) {
  if (trail.decisions.length === 0) return <p>No decisions are linked to this workstream yet.</p>;
  return (
    <Table responsive caption="Decisions that govern this workstream, newest first" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
      <Table.Head>
        <Table.Row>
          <Table.Cell>Date</Table.Cell>
          <Table.Cell>Decision</Table.Cell>
          <Table.Cell>Body and meeting</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {trail.decisions.map(({ record: r, effects }) => (
          <Table.Row key={r.decision.id}>
            <Table.Cell>{formatDate(r.decision.decidedOn)}</Table.Cell>
            <Table.Cell>
              <a href={`/decisions/${r.decision.id}`}>{r.decision.text}</a>
              <br />
              <span className="nhsuk-body-s">
                {DECISION_KIND_LABELS[r.decision.kind]}
                {effects.length > 0 ? `: ${effects.map((e) => (e.note ? `${EFFECT_LABELS[e.kind]} (${e.note})` : EFFECT_LABELS[e.kind])).join("; ")}` : ""}
              </span>
              {r.item.confidentiality === "part_2" ? (
                <>
                  {" "}
                  <Tag modifier="red">Part II (confidential)</Tag>
                </>
              ) : null}
            </Table.Cell>
            <Table.Cell>
              {r.body.name}
              <br />
              <a href={`/meetings/${r.meeting.id}`}>{meetingLabel({ ...r.meeting, body: r.body })}</a>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

function TrailItems({ items }: { items: TrailItem[] }) {
  if (items.length === 0) return <p>No agenda items are linked to this workstream yet.</p>;
  return (
    <ul className="nhsuk-list">
      {items.map(({ meeting, item }) => (
        <li key={item.id}>
          <a href={`/meetings/${meeting.id}/items/${item.id}`}>{item.title}</a>
          {item.kind === "deep_dive" ? (
            <>
              {" "}
              <Tag modifier="blue">Deep dive</Tag>
            </>
          ) : null}
          {item.confidentiality === "part_2" ? (
            <>
              {" "}
              <Tag modifier="red">Part II (confidential)</Tag>
            </>
          ) : null}
          <br />
          <span className="nhsuk-body-s">{meetingLabel(meeting)}</span>
        </li>
      ))}
    </ul>
  );
}

export interface HubEditing {
  /** Managers and the workstream's contributors may link decisions and agenda items. */
  canLink: boolean;
  canGovern: boolean;
  decisionChoices: DecisionRecord[];
  itemChoices: TrailItem[];
  contributors: { userId: string; name: string }[];
  contributorChoices: { userId: string; name: string }[];
  values: Record<string, string>;
  errors: FieldErrors;
}

function LinkForms({ ctx, detail, trail, editing }: { ctx: ViewContext; detail: WorkstreamDetail; trail: WorkstreamTrail; editing: HubEditing }) {
  const base = workstreamHref(detail.workstream);
  const directlyLinked = trail.decisions.filter((d) => d.linkedBy.includes("decision"));
  const { values, errors } = editing;
  return (
    <section aria-labelledby="links-heading">
      <h2 id="links-heading">Link decisions and agenda items</h2>
      <form method="post" action={`${base}/decisions`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <Fieldset>
          <Fieldset.Legend size="s">Link a decision</Fieldset.Legend>
          {editing.decisionChoices.length > 0 ? (
            <Select
              label="Recent decisions of the overseeing body"
              id="decisionId"
              name="decisionId"
              defaultValue={values.decisionId ?? ""}
              error={errors.decisionId}
            >
              <Select.Option value="">Select a decision</Select.Option>
              {editing.decisionChoices.map((d) => (
                <Select.Option key={d.decision.id} value={d.decision.id}>
                  {`${formatDate(d.decision.decidedOn)}: ${d.decision.text.slice(0, 120)}`}
                </Select.Option>
              ))}
            </Select>
          ) : null}
          <TextInput
            label="Or paste the decision's id"
            hint="The id is the last part of the decision page's address"
            id="pastedDecisionId"
            name="pastedDecisionId"
            defaultValue={values.pastedDecisionId ?? ""}
            error={editing.decisionChoices.length === 0 ? errors.decisionId : undefined}
            width={30}
          />
          <Button secondary>Link decision</Button>
        </Fieldset>
      </form>
      <form method="post" action={`${base}/agenda-items`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <Fieldset>
          <Fieldset.Legend size="s">Link an agenda item</Fieldset.Legend>
          {editing.itemChoices.length > 0 ? (
            <Select
              label="Items of the overseeing body's recent meetings"
              id="agendaItemId"
              name="agendaItemId"
              defaultValue={values.agendaItemId ?? ""}
              error={errors.agendaItemId}
            >
              <Select.Option value="">Select an agenda item</Select.Option>
              {editing.itemChoices.map(({ meeting, item }) => (
                <Select.Option key={item.id} value={item.id}>
                  {`${londonDate.format(meeting.startsAt)}: ${item.number}. ${item.title}`}
                </Select.Option>
              ))}
            </Select>
          ) : null}
          <TextInput
            label="Or paste the agenda item's id"
            hint="The id is the last part of the agenda item page's address"
            id="pastedAgendaItemId"
            name="pastedAgendaItemId"
            defaultValue={values.pastedAgendaItemId ?? ""}
            error={editing.itemChoices.length === 0 ? errors.agendaItemId : undefined}
            width={30}
          />
          <Button secondary>Link agenda item</Button>
        </Fieldset>
      </form>
      {directlyLinked.length > 0 || trail.items.length > 0 ? (
        <>
          <h3>Remove a link</h3>
          <ul className="nhsuk-list">
            {directlyLinked.map((d) => (
              <li key={d.record.decision.id}>
                <form method="post" action={`${base}/decisions/${d.record.decision.id}/unlink`} className="app-inline-form">
                  <CsrfField token={ctx.csrfToken} />
                  <Button secondary small>
                    Unlink<span className="nhsuk-u-visually-hidden"> decision: {d.record.decision.text.slice(0, 80)}</span>
                  </Button>
                </form>{" "}
                Decision of {formatDate(d.record.decision.decidedOn)}: {d.record.decision.text.slice(0, 120)}
              </li>
            ))}
            {trail.items.map(({ meeting, item }) => (
              <li key={item.id}>
                <form method="post" action={`${base}/agenda-items/${item.id}/unlink`} className="app-inline-form">
                  <CsrfField token={ctx.csrfToken} />
                  <Button secondary small>
                    Unlink<span className="nhsuk-u-visually-hidden"> agenda item: {item.title}</span>
                  </Button>
                </form>{" "}
                Agenda item {item.title} ({meetingLabel(meeting)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Contributors({ ctx, detail, editing }: { ctx: ViewContext; detail: WorkstreamDetail; editing: HubEditing }) {
  const base = workstreamHref(detail.workstream);
  const assigned = new Set(editing.contributors.map((c) => c.userId));
  const available = editing.contributorChoices.filter((c) => !assigned.has(c.userId));
  return (
    <section aria-labelledby="contributors-heading">
      <h2 id="contributors-heading">Contributors</h2>
      <p>Contributors may change this workstream&rsquo;s plans, milestones, highlight reports and risks.</p>
      {editing.contributors.length === 0 ? (
        <p>No contributors are assigned.</p>
      ) : (
        <ul className="nhsuk-list">
          {editing.contributors.map((c) => (
            <li key={c.userId}>
              {c.name}
              {editing.canGovern ? (
                <>
                  {" "}
                  <form method="post" action={`${base}/contributors/${c.userId}/remove`} className="app-inline-form">
                    <CsrfField token={ctx.csrfToken} />
                    <Button secondary small>
                      Remove<span className="nhsuk-u-visually-hidden"> {c.name}</span>
                    </Button>
                  </form>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editing.canGovern ? (
        available.length > 0 ? (
          <form method="post" action={`${base}/contributors`} noValidate>
            <CsrfField token={ctx.csrfToken} />
            <Select
              label="Assign a contributor"
              hint="Users with the contributor role in this partnership"
              id="userId"
              name="userId"
              error={editing.errors.userId}
            >
              <Select.Option value="">Select a user</Select.Option>
              {available.map((c) => (
                <Select.Option key={c.userId} value={c.userId}>
                  {c.name}
                </Select.Option>
              ))}
            </Select>
            <Button secondary>Assign contributor</Button>
          </form>
        ) : (
          <p>Every user with the contributor role is assigned. An administrator gives users that role.</p>
        )
      ) : null}
    </section>
  );
}

export function WorkstreamPage(props: {
  ctx: ViewContext;
  detail: WorkstreamDetail;
  trail: WorkstreamTrail;
  actions: ActionView[];
  moreActions: boolean;
  today: string;
  editing: HubEditing | null;
  history: HistoryEntry[] | null;
  /** The maturity frameworks this workstream owns that the viewer may see. */
  maturityFrameworks?: { id: string; title: string }[];
}) {
  const { ctx, detail, trail, editing } = props;
  const w = detail.workstream;
  const base = workstreamHref(w);
  const errors = editing?.errors ?? {};
  return (
    <Layout ctx={ctx} title={formTitle(w.name, errors)} beforeContent={<BackLink href="/workstreams">Workstreams</BackLink>}>
      <FormErrorSummary
        errors={errors}
        fieldIds={{
          decisionId: editing?.decisionChoices.length ? "decisionId" : "pastedDecisionId",
          agendaItemId: editing?.itemChoices.length ? "agendaItemId" : "pastedAgendaItemId",
        }}
      />
      <span className="nhsuk-caption-l">Workstream</span>
      <h1>{w.name}</h1>
      <p>
        <WorkstreamTags w={w} />
      </p>
      {w.description ? (
        <div className="app-description">
          {w.description.split(/\n{2,}/).map((para, i) => (
            <p key={i}>{para}</p>
          ))}
        </div>
      ) : null}
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Status</SummaryList.Key>
          <SummaryList.Value>{WORKSTREAM_STATUS_LABELS[w.status]}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Senior responsible owner</SummaryList.Key>
          <SummaryList.Value>{detail.sro ? <a href={`/people/${detail.sro.id}`}>{detail.sro.name}</a> : "Not named"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Leads</SummaryList.Key>
          <SummaryList.Value>
            {detail.leads.length === 0 ? (
              "None named"
            ) : (
              <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                {detail.leads.map((l) => (
                  <li key={l.personId}>
                    <a href={`/people/${l.personId}`}>{l.name}</a>
                    {l.roleLabel ? `, ${l.roleLabel}` : ""}
                  </li>
                ))}
              </ul>
            )}
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Overseen by</SummaryList.Key>
          <SummaryList.Value>
            {detail.overseeingBody ? <a href={`/bodies/${detail.overseeingBody.id}`}>{detail.overseeingBody.name}</a> : "Not set"}
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Organisations</SummaryList.Key>
          <SummaryList.Value>
            <NamedLinks items={detail.organisations} base="/organisations" />
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Published</SummaryList.Key>
          <SummaryList.Value>
            {w.published ? "Yes: the public sees this workstream" : "No: only people with a role in the partnership see it"}
          </SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
      {editing?.canGovern ? (
        <div className="nhsuk-button-group">
          <a className="nhsuk-button nhsuk-button--secondary" href={`${base}/edit`} role="button" draggable="false">
            Edit workstream
          </a>
          <form method="post" action={`${base}/${w.published ? "unpublish" : "publish"}`} className="app-inline-form">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="version" value={w.version} />
            <Button secondary>{w.published ? "Unpublish" : "Publish"}</Button>
          </form>
          <form method="post" action={`${base}/${w.archivedAt ? "restore" : "archive"}`} className="app-inline-form">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="version" value={w.version} />
            <Button warning={!w.archivedAt} secondary={Boolean(w.archivedAt)}>
              {w.archivedAt ? "Restore" : "Archive"}
            </Button>
          </form>
        </div>
      ) : null}

      <nav aria-labelledby="programme-heading">
        <h2 id="programme-heading">Plans, progress and risks</h2>
        <ul className="nhsuk-list">
          <li>
            <a href={`${base}/plans`}>Annual plans and budgets</a>
          </li>
          <li>
            <a href={`${base}/milestones`}>Milestones and products</a>
          </li>
          <li>
            <a href={`${base}/highlight-reports`}>Highlight reports</a>
          </li>
          <li>
            <a href={`/workstreams/${w.id}/risks`}>Risk register</a>
          </li>
          <li>
            <a href={`/workstreams/${w.id}/issues`}>Issue register</a>
          </li>
          <li>
            <a href={`${base}/actions`}>Action log</a>
          </li>
          {(props.maturityFrameworks ?? []).map((f) => (
            <li key={f.id}>
              <a href={`/maturity/${f.id}`}>Maturity: {f.title}</a>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="objectives-heading">
        <h2 id="objectives-heading">Contribution to the partnership&rsquo;s objectives</h2>
        {detail.contributions.length === 0 ? (
          <p>The partnership has not set its objectives yet.</p>
        ) : (
          <Table responsive caption="Contribution to each objective" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
            <Table.Head>
              <Table.Row>
                <Table.Cell>Objective</Table.Cell>
                <Table.Cell>Contribution</Table.Cell>
                <Table.Cell>Why</Table.Cell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {detail.contributions.map((c) => (
                <Table.Row key={c.objectiveId}>
                  <Table.Cell>{c.objectiveTitle}</Table.Cell>
                  <Table.Cell>{CONTRIBUTION_LABELS[c.level]}</Table.Cell>
                  <Table.Cell>{c.rationale || (c.level === "none" ? "" : "Not stated")}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </section>

      <section aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">Decisions</h2>
        <TrailDecisions trail={trail} />
      </section>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">Actions</h2>
        {props.actions.length === 0 ? (
          <p>No actions are recorded against this workstream.</p>
        ) : (
          <ActionTable rows={props.actions} today={props.today} caption="Actions of this workstream, outstanding first" />
        )}
        <p>
          <a href={`${base}/actions`}>{props.moreActions ? "See all the actions of this workstream" : "The action log of this workstream"}</a>
        </p>
      </section>

      <section aria-labelledby="items-heading">
        <h2 id="items-heading">Discussed at meetings</h2>
        <TrailItems items={trail.items} />
      </section>

      {editing?.canLink ? <LinkForms ctx={ctx} detail={detail} trail={trail} editing={editing} /> : null}
      {editing ? <Contributors ctx={ctx} detail={detail} editing={editing} /> : null}
      {props.history ? (
        <HistorySection entries={props.history.map((h) => ({ ...h, action: HISTORY_ACTIONS[h.action] ?? h.action }))} labels={FIELD_LABELS} />
      ) : null}
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// The workstream's action log

export function WorkstreamActionsPage(props: {
  ctx: ViewContext;
  workstream: { name: string; slug: string };
  rows: ActionView[];
  status: string;
  page: number;
  hasNext: boolean;
  today: string;
}) {
  const { ctx, workstream: w } = props;
  const title = `Actions: ${w.name}`;
  return (
    <Layout ctx={ctx} title={title} beforeContent={<BackLink href={workstreamHref(w)}>{w.name}</BackLink>}>
      <span className="nhsuk-caption-l">{w.name}</span>
      <h1>Actions</h1>
      <form method="get" action={`${workstreamHref(w)}/actions`} className="app-filter" role="search" aria-label="Filter actions">
        <Select label="Status" id="status" name="status" defaultValue={props.status}>
          <Select.Option value="all">Any status (outstanding first)</Select.Option>
          {ACTION_STATUS_FILTERS.map((s) => (
            <Select.Option key={s} value={s}>
              {ACTION_STATUS_FILTER_LABELS[s]}
            </Select.Option>
          ))}
        </Select>
        <Button secondary>Filter</Button>
      </form>
      {props.rows.length === 0 ? (
        <p>No actions match.</p>
      ) : (
        <ActionTable rows={props.rows} today={props.today} caption={`Actions of ${w.name}, soonest due first`} />
      )}
      <PageLinks page={props.page} hasNext={props.hasNext} baseQuery={{ status: props.status }} />
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Create and edit

export function WorkstreamFormPage(props: {
  ctx: ViewContext;
  mode: { kind: "new" } | { kind: "edit"; workstream: { slug: string; name: string } };
  values: Record<string, string>;
  errors: FieldErrors;
  people: PersonChoice[];
  bodies: Named[];
  organisations: Named[];
  objectives: { id: string; title: string; description: string }[];
  conflict?: { name: string; version: number; updatedAt: Date } | undefined;
}) {
  const { ctx, mode, values, errors } = props;
  const title = mode.kind === "new" ? "Create a workstream" : `Edit ${mode.workstream.name}`;
  const action = mode.kind === "new" ? "/workstreams" : workstreamHref(mode.workstream);
  const firstObjective = props.objectives[0];
  const fieldIds: Record<string, string> = {
    status: "status-1",
    organisationIds: "organisationIds-1",
    _form: "name",
    leads: "leadPersonId-0",
    ...(firstObjective ? { contributions: `contribution-${firstObjective.id}-1` } : {}),
  };
  for (const o of props.objectives) fieldIds[`contribution-${o.id}`] = `contribution-${o.id}-1`;
  const ticked = new Set((values.organisationIds ?? "").split("\n").filter(Boolean));
  return (
    <Layout
      ctx={ctx}
      title={formTitle(title, errors)}
      beforeContent={
        <BackLink href={mode.kind === "new" ? "/workstreams" : workstreamHref(mode.workstream)}>
          {mode.kind === "new" ? "Workstreams" : mode.workstream.name}
        </BackLink>
      }
    >
      <FormErrorSummary errors={errors} fieldIds={fieldIds} />
      <h1>{title}</h1>
      {props.conflict ? (
        <ConflictCallout heading="Someone else saved this workstream first">
          <p>
            It was changed at {formatDateTime(props.conflict.updatedAt)}. Your changes are below and have not been saved. Save again to replace their version
            with yours.
          </p>
        </ConflictCallout>
      ) : null}
      <form method="post" action={action} noValidate>
        <CsrfField token={ctx.csrfToken} />
        {mode.kind === "edit" ? <input type="hidden" name="version" value={values.version ?? ""} /> : null}
        <TextInput label="Name" id="name" name="name" defaultValue={values.name ?? ""} error={errors.name} />
        <TextInput
          label="Address (optional)"
          hint="Lower-case letters, numbers and hyphens, for example mental-health. Made from the name if left blank."
          id="slug"
          name="slug"
          defaultValue={values.slug ?? ""}
          error={errors.slug}
          width={30}
        />
        <Textarea label="Description" id="description" name="description" rows={6} defaultValue={values.description ?? ""} error={errors.description} />
        <Radios id="status" name="status" legend="Status" legendProps={{ size: "s" }} error={errors.status} inline>
          {WORKSTREAM_STATUSES.map((s) => (
            <Radios.Item key={s} value={s} defaultChecked={(values.status ?? "proposed") === s}>
              {WORKSTREAM_STATUS_LABELS[s]}
            </Radios.Item>
          ))}
        </Radios>
        <Select label="Senior responsible owner" id="sroPersonId" name="sroPersonId" defaultValue={values.sroPersonId ?? ""} error={errors.sroPersonId}>
          <Select.Option value="">Not named yet</Select.Option>
          {props.people.map((p) => (
            <Select.Option key={p.id} value={p.id}>
              {personLabel(p)}
            </Select.Option>
          ))}
        </Select>
        <Select
          label="Overseeing body"
          id="overseeingBodyId"
          name="overseeingBodyId"
          defaultValue={values.overseeingBodyId ?? ""}
          error={errors.overseeingBodyId}
        >
          <Select.Option value="">Not set</Select.Option>
          {props.bodies.map((b) => (
            <Select.Option key={b.id} value={b.id}>
              {b.name}
            </Select.Option>
          ))}
        </Select>
        <Fieldset>
          <Fieldset.Legend size="m">Leads</Fieldset.Legend>
          <p className="nhsuk-hint">Up to {LEAD_ROWS} people who lead the workstream besides the SRO, with the role each holds.</p>
          {Array.from({ length: LEAD_ROWS }, (_, i) => (
            <div key={i} className="app-lead-row">
              <Select
                label={`Lead ${i + 1}`}
                id={`leadPersonId-${i}`}
                name={`leadPersonId-${i}`}
                defaultValue={values[`leadPersonId-${i}`] ?? ""}
                error={errors[`leadPersonId-${i}`]}
              >
                <Select.Option value="">No one</Select.Option>
                {props.people.map((p) => (
                  <Select.Option key={p.id} value={p.id}>
                    {personLabel(p)}
                  </Select.Option>
                ))}
              </Select>
              <TextInput
                label={`Role of lead ${i + 1} (optional)`}
                id={`leadRole-${i}`}
                name={`leadRole-${i}`}
                defaultValue={values[`leadRole-${i}`] ?? ""}
                error={errors[`leadRole-${i}`]}
                width={20}
              />
            </div>
          ))}
        </Fieldset>
        {props.organisations.length > 0 ? (
          <Checkboxes
            id="organisationIds"
            name="organisationIds"
            legend="Organisations involved"
            legendProps={{ size: "m" }}
            error={errors.organisationIds}
            small
          >
            {props.organisations.map((o) => (
              <Checkboxes.Item key={o.id} value={o.id} defaultChecked={ticked.has(o.id)}>
                {o.name}
              </Checkboxes.Item>
            ))}
          </Checkboxes>
        ) : null}
        {props.objectives.length > 0 ? <h2>Contribution to the partnership&rsquo;s objectives</h2> : null}
        {props.objectives.map((o) => (
          <div key={o.id} className="app-contribution">
            <Radios
              id={`contribution-${o.id}`}
              name={`contribution-${o.id}`}
              legend={o.title}
              legendProps={{ size: "s" }}
              hint={o.description || undefined}
              error={errors[`contribution-${o.id}`]}
              inline
            >
              {CONTRIBUTION_LEVELS.map((level) => (
                <Radios.Item key={level} value={level} defaultChecked={(values[`contribution-${o.id}`] || "none") === level}>
                  {CONTRIBUTION_LABELS[level]}
                </Radios.Item>
              ))}
            </Radios>
            <Textarea
              label={`Why: ${o.title}`}
              hint="One sentence; required for some or major"
              id={`rationale-${o.id}`}
              name={`rationale-${o.id}`}
              rows={2}
              defaultValue={values[`rationale-${o.id}`] ?? ""}
              error={errors[`rationale-${o.id}`]}
            />
          </div>
        ))}
        <Button>{mode.kind === "new" ? "Create workstream" : "Save changes"}</Button>
      </form>
    </Layout>
  );
}

function personLabel(p: PersonChoice): string {
  const extra = [p.jobTitle, p.organisationName].filter(Boolean).join(", ");
  return extra ? `${p.name} (${extra})` : p.name;
}

/** The edit form's values for a stored workstream. */
export function workstreamFormValues(d: WorkstreamDetail): Record<string, string> {
  const w = d.workstream;
  const values: Record<string, string> = {
    name: w.name,
    slug: w.slug,
    description: w.description,
    status: w.status,
    sroPersonId: w.sroPersonId ?? "",
    overseeingBodyId: w.overseeingBodyId ?? "",
    organisationIds: d.organisations.map((o) => o.id).join("\n"),
    version: String(w.version),
  };
  d.leads.slice(0, LEAD_ROWS).forEach((l, i) => {
    values[`leadPersonId-${i}`] = l.personId;
    values[`leadRole-${i}`] = l.roleLabel ?? "";
  });
  for (const c of d.contributions) {
    values[`contribution-${c.objectiveId}`] = c.level;
    values[`rationale-${c.objectiveId}`] = c.rationale;
  }
  return values;
}

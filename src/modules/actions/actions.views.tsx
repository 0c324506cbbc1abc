import { Button, InsetText, Radios, Select, SummaryList, Table, Tag, Textarea, TextInput, WarningCallout } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, HistorySection, PageLinks, formTitle, formatDate, formatDateTime } from "../../platform/views/components.tsx";
import type { HistoryEntry } from "../../platform/audit/audit.ts";
import type { FieldErrors } from "../../platform/http/errors.ts";
import type { ActionUpdateRow, ActionView } from "./actions.repository.ts";
import { ACTION_HISTORY_LABELS, isOverdueOn } from "./actions.presenter.ts";
import { ACTION_STATUS_FILTER_LABELS, ACTION_STATUS_FILTERS, ACTION_STATUS_LABELS, fieldIdFor } from "./actions.schema.ts";
import type { ActionStatus } from "./actions.tables.ts";
import { BackLink, NhsDate, dateParts } from "../../platform/views/form-fields.tsx";

export const actionHref = (id: string) => `/actions/${id}`;

/** A person offered in the owner picker. */
export interface PersonChoice {
  id: string;
  name: string;
  jobTitle: string | null;
  organisationName: string | null;
}

/** A body offered in pickers and filters. */
export interface BodyChoice {
  id: string;
  name: string;
  shortName: string | null;
}

/** A decision offered in the decision picker. */
export interface DecisionChoice {
  id: string;
  text: string;
  decidedOn: string;
}

/** The filters of the action log and "my actions", as strings from the query. */
export interface ActionFilterValues {
  bodyId?: string | undefined;
  ownerPersonId?: string | undefined;
  status?: string | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  q?: string | undefined;
}

function personLabel(p: PersonChoice): string {
  const details = [p.jobTitle, p.organisationName].filter(Boolean).join(", ");
  return details ? `${p.name} – ${details}` : p.name;
}

function summaryIds(errors: FieldErrors, fallback: string): Record<string, string> {
  return Object.fromEntries(Object.keys(errors).map((k) => [k, k === "_form" ? fallback : fieldIdFor(k)]));
}

const STATUS_COLOURS: Record<ActionStatus, "blue" | "aqua-green" | "green" | "grey"> = {
  open: "blue",
  in_progress: "aqua-green",
  done: "green",
  dropped: "grey",
};

/** The status tag, with a red "Overdue" tag beside it when the due date has passed. */
export function ActionStatusTags({ action, today }: { action: { status: ActionStatus; dueOn: string | null }; today: string }) {
  return (
    <>
      <Tag modifier={STATUS_COLOURS[action.status]}>{ACTION_STATUS_LABELS[action.status]}</Tag>
      {isOverdueOn(action, today) ? (
        <>
          {" "}
          <Tag modifier="red">Overdue</Tag>
        </>
      ) : null}
    </>
  );
}

function meetingLabel(a: ActionView): string {
  if (!a.meetingStartsAt) return "";
  const date = formatDate(londonDate(a.meetingStartsAt));
  return a.meetingTitle ? `${a.meetingTitle}, ${date}` : date;
}

const isoLondon = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });
const londonDate = (d: Date) => isoLondon.format(d);

/** The table of actions shared by the action log, "my actions" and a workstream's action log. */
export function ActionTable({ rows, today, caption, showOwner = true }: { rows: ActionView[]; today: string; caption: string; showOwner?: boolean }) {
  return (
    <Table responsive caption={caption} captionProps={{ className: "nhsuk-u-visually-hidden" }}>
      <Table.Head>
        <Table.Row>
          <Table.Cell>Action</Table.Cell>
          {showOwner ? <Table.Cell>Owner</Table.Cell> : null}
          <Table.Cell>Body</Table.Cell>
          <Table.Cell>Due</Table.Cell>
          <Table.Cell>Status</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rows.map((a) => (
          <Table.Row key={a.id}>
            <Table.Cell>
              <a href={actionHref(a.id)}>{a.description}</a>
              {a.itemConfidentiality === "part_2" ? (
                <>
                  {" "}
                  <Tag modifier="purple">Part II</Tag>
                </>
              ) : null}
              {a.meetingStartsAt ? (
                <>
                  <br />
                  <span className="nhsuk-body-s">From {meetingLabel(a)}</span>
                </>
              ) : null}
            </Table.Cell>
            {showOwner ? <Table.Cell>{a.ownerName}</Table.Cell> : null}
            <Table.Cell>{a.bodyShortName ?? a.bodyName}</Table.Cell>
            <Table.Cell>{a.dueOn ? formatDate(a.dueOn) : "No date"}</Table.Cell>
            <Table.Cell>
              <ActionStatusTags action={a} today={today} />
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

function StatusFilter({ value }: { value: string }) {
  return (
    <Select label="Status" id="status" name="status" defaultValue={value}>
      {ACTION_STATUS_FILTERS.map((s) => (
        <Select.Option key={s} value={s}>
          {ACTION_STATUS_FILTER_LABELS[s]}
        </Select.Option>
      ))}
      <Select.Option value="all">Any status</Select.Option>
    </Select>
  );
}

/** The query string for a set of filters (empty values left out). */
export function queryString(values: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

// ---------------------------------------------------------------------------------------------
// The action log

/** The action log: every action this viewer may see, filterable, soonest due first, overdue flagged. */
export function ActionLogPage(props: {
  ctx: ViewContext;
  rows: ActionView[];
  page: number;
  hasNext: boolean;
  filter: ActionFilterValues;
  bodies: BodyChoice[];
  people: PersonChoice[];
  today: string;
  canManage: boolean;
}) {
  const { ctx, filter, rows, today } = props;
  const status = filter.status ?? "outstanding";
  const query = { ...filter, status };
  return (
    <Layout ctx={ctx} title="Action log">
      <h1>Action log</h1>
      <p>What each body has asked to be done, by whom and by when. Overdue actions are marked.</p>
      {props.canManage ? (
        <p>
          <a className="nhsuk-button" href={`/actions/new${queryString({ bodyId: filter.bodyId })}`} role="button" draggable="false">
            Record an action
          </a>
        </p>
      ) : null}
      <form method="get" action="/actions" className="app-filter" role="search" aria-label="Filter actions">
        <Select label="Body" id="bodyId" name="bodyId" defaultValue={filter.bodyId ?? ""}>
          <Select.Option value="">Any body</Select.Option>
          {props.bodies.map((b) => (
            <Select.Option key={b.id} value={b.id}>
              {b.name}
            </Select.Option>
          ))}
        </Select>
        <Select label="Owner" id="ownerPersonId" name="ownerPersonId" defaultValue={filter.ownerPersonId ?? ""}>
          <Select.Option value="">Anyone</Select.Option>
          {props.people.map((p) => (
            <Select.Option key={p.id} value={p.id}>
              {p.name}
            </Select.Option>
          ))}
        </Select>
        <StatusFilter value={status} />
        <TextInput label="Due from" hint="On or after" id="dueFrom" name="dueFrom" type="date" defaultValue={filter.dueFrom ?? ""} width={10} />
        <TextInput label="Due to" hint="On or before" id="dueTo" name="dueTo" type="date" defaultValue={filter.dueTo ?? ""} width={10} />
        <TextInput label="Words in the description" id="q" name="q" defaultValue={filter.q ?? ""} width={20} />
        <Button secondary>Filter</Button>
      </form>
      <p>
        <a href={`/actions.csv${queryString(query)}`} download>
          Download these actions as a spreadsheet (CSV)
        </a>
      </p>
      {rows.length === 0 ? <p>No actions match these filters.</p> : <ActionTable rows={rows} today={today} caption="Actions" />}
      <PageLinks page={props.page} hasNext={props.hasNext} baseQuery={query} />
    </Layout>
  );
}

/** The signed-in user's own actions, or why there are none to show. */
export function MyActionsPage(props: {
  ctx: ViewContext;
  people: { id: string; name: string }[];
  rows: ActionView[];
  page: number;
  hasNext: boolean;
  status: string;
  today: string;
}) {
  const { ctx, rows, today } = props;
  return (
    <Layout ctx={ctx} title="My actions">
      <h1>My actions</h1>
      {props.people.length === 0 ? (
        <InsetText>
          <p>Your account is not linked to anyone in the directory of people, so Quorum cannot tell which actions are yours.</p>
          <p>
            Ask an administrator or the board office to link your account to your entry under <a href="/people">People</a>. The actions you own will then appear
            here, and you will be able to report progress on them.
          </p>
        </InsetText>
      ) : (
        <>
          <p>Actions owned by {props.people.map((p) => p.name).join(" or ")}. You can add progress updates and mark them done from each action’s page.</p>
          <form method="get" action="/my-actions" className="app-filter" aria-label="Filter my actions">
            <StatusFilter value={props.status} />
            <Button secondary>Filter</Button>
          </form>
          {rows.length === 0 ? <p>You have no actions with this status.</p> : <ActionTable rows={rows} today={today} caption="My actions" showOwner={false} />}
          <PageLinks page={props.page} hasNext={props.hasNext} baseQuery={{ status: props.status }} />
        </>
      )}
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// The action page

function ProgressUpdates({ updates }: { updates: ActionUpdateRow[] }) {
  if (updates.length === 0) return <p>No progress has been reported yet.</p>;
  return (
    <ul className="nhsuk-list app-updates">
      {updates.map((u) => (
        <li key={u.id} className="nhsuk-u-margin-bottom-4">
          <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">
            {formatDate(u.notedOn)} <span className="nhsuk-body-s">by {u.authorName}</span>
          </h3>
          {u.text.split(/\n+/).map((line, i) => (
            <p key={i} className="nhsuk-u-margin-bottom-1">
              {line}
            </p>
          ))}
        </li>
      ))}
    </ul>
  );
}

function StatusForm({ action, values, errors, csrf }: { action: ActionView; values: Record<string, string>; errors: FieldErrors; csrf: string }) {
  const chosen = values.status ?? action.status;
  return (
    <form method="post" action={`/actions/${action.id}/status`} noValidate>
      <CsrfField token={csrf} />
      <input type="hidden" name="version" value={values.version ?? String(action.version)} />
      <Radios id="status" name="status" legend="Status" legendProps={{ size: "s" }} error={errors.status}>
        <Radios.Item value="open" defaultChecked={chosen === "open"}>
          {action.status === "done" || action.status === "dropped" ? "Open (reopen it)" : "Open"}
        </Radios.Item>
        <Radios.Item value="in_progress" defaultChecked={chosen === "in_progress"}>
          In progress
        </Radios.Item>
        <Radios.Item
          value="done"
          defaultChecked={chosen === "done"}
          conditional={<NhsDate name="completedOn" legend="Date completed" values={values} errors={errors} />}
        >
          Done
        </Radios.Item>
        <Radios.Item
          value="dropped"
          defaultChecked={chosen === "dropped"}
          conditional={
            <Textarea
              label="Why was it dropped?"
              id="droppedReason"
              name="droppedReason"
              rows={3}
              defaultValue={values.droppedReason ?? ""}
              error={errors.droppedReason}
            />
          }
        >
          Dropped
        </Radios.Item>
      </Radios>
      <Button secondary>Change status</Button>
    </form>
  );
}

function UpdateForm({ action, values, errors, csrf }: { action: ActionView; values: Record<string, string>; errors: FieldErrors; csrf: string }) {
  return (
    <form method="post" action={`/actions/${action.id}/updates`} noValidate>
      <CsrfField token={csrf} />
      <Textarea
        label="Progress update"
        hint="What has happened since the last update"
        id="text"
        name="text"
        rows={4}
        defaultValue={values.text ?? ""}
        error={errors.text}
      />
      <NhsDate name="notedOn" legend="Date of the update (optional)" hint="Leave blank for today. For example, 4 12 2017" values={values} errors={errors} />
      <Button>Add update</Button>
    </form>
  );
}

/** One action: what, who, when, where it came from, progress, status and history. */
export function ActionPage(props: {
  ctx: ViewContext;
  action: ActionView;
  updates: ActionUpdateRow[];
  today: string;
  canManage: boolean;
  canProgress: boolean;
  readProgress: boolean;
  showDroppedReason: boolean;
  history: HistoryEntry[] | null;
  /** A form sent back with errors: which one, what was typed, what is wrong. */
  form?: { which: "status" | "update"; values: Record<string, string>; errors: FieldErrors; conflict?: boolean } | undefined;
}) {
  const { ctx, action: a, today, form } = props;
  const errors = form?.errors ?? {};
  const title = a.description.length > 80 ? `${a.description.slice(0, 77)}…` : a.description;
  return (
    <Layout
      ctx={ctx}
      title={formTitle(`Action: ${title}`, errors)}
      beforeContent={<BackLink href={`/actions${queryString({ bodyId: a.bodyId })}`}>Action log</BackLink>}
    >
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, form?.which === "update" ? "text" : "status-1")} />
      {form?.conflict ? (
        <WarningCallout>
          <WarningCallout.Heading headingLevel="h2">Someone else changed this action first</WarningCallout.Heading>
          <p>The action below is as they left it. Your change has not been saved; check the status and try again.</p>
        </WarningCallout>
      ) : null}
      <span className="nhsuk-caption-l">Action of {a.bodyName}</span>
      <h1>{a.description}</h1>
      <p>
        <ActionStatusTags action={a} today={today} />
        {a.itemConfidentiality === "part_2" ? (
          <>
            {" "}
            <Tag modifier="purple">Part II (confidential)</Tag>
          </>
        ) : null}
      </p>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Owner</SummaryList.Key>
          <SummaryList.Value>{a.ownerName}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Due</SummaryList.Key>
          <SummaryList.Value>{a.dueOn ? formatDate(a.dueOn) : "No due date"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Status</SummaryList.Key>
          <SummaryList.Value>
            {ACTION_STATUS_LABELS[a.status]}
            {a.status === "done" && a.completedOn ? `, on ${formatDate(a.completedOn)}` : ""}
            {isOverdueOn(a, today) ? ", overdue" : ""}
          </SummaryList.Value>
        </SummaryList.Row>
        {a.status === "dropped" && props.showDroppedReason ? (
          <SummaryList.Row>
            <SummaryList.Key>Why it was dropped</SummaryList.Key>
            <SummaryList.Value>{a.droppedReason ?? ""}</SummaryList.Value>
          </SummaryList.Row>
        ) : null}
        <SummaryList.Row>
          <SummaryList.Key>Body</SummaryList.Key>
          <SummaryList.Value>
            <a href={`/bodies/${a.bodyId}`}>{a.bodyName}</a>
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Recorded at</SummaryList.Key>
          <SummaryList.Value>
            {a.sourceMeetingId ? (
              <>
                <a href={`/meetings/${a.sourceMeetingId}`}>{meetingLabel(a)}</a>
                {a.itemTitle ? `, item: ${a.itemTitle}` : ""}
              </>
            ) : (
              "Not recorded at a meeting: added to the action log directly"
            )}
          </SummaryList.Value>
        </SummaryList.Row>
        {a.decisionId ? (
          <SummaryList.Row>
            <SummaryList.Key>Decision</SummaryList.Key>
            <SummaryList.Value>
              <a href={`/decisions/${a.decisionId}`}>The decision this action follows</a>
            </SummaryList.Value>
          </SummaryList.Row>
        ) : null}
      </SummaryList>
      {props.canManage ? (
        <p>
          <a href={`/actions/${a.id}/edit`}>
            Edit this action<span className="nhsuk-u-visually-hidden">: {a.description}</span>
          </a>
        </p>
      ) : null}

      {props.readProgress ? (
        <section aria-labelledby="updates-heading">
          <h2 id="updates-heading">Progress</h2>
          <ProgressUpdates updates={props.updates} />
          {props.canProgress ? (
            <>
              <h3>Add a progress update</h3>
              <UpdateForm
                action={a}
                values={form?.which === "update" ? form.values : {}}
                errors={form?.which === "update" ? errors : {}}
                csrf={ctx.csrfToken}
              />
            </>
          ) : null}
        </section>
      ) : null}

      {props.canProgress ? (
        <section aria-labelledby="status-heading">
          <h2 id="status-heading">Change the status</h2>
          <StatusForm
            action={a}
            values={form?.which === "status" ? form.values : dateParts("completedOn", a.completedOn ?? today)}
            errors={form?.which === "status" ? errors : {}}
            csrf={ctx.csrfToken}
          />
        </section>
      ) : null}

      {props.history ? <HistorySection entries={props.history} labels={ACTION_HISTORY_LABELS} /> : null}
      <p className="nhsuk-body-s">Last changed {formatDateTime(a.updatedAt)}.</p>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Record and edit

/** Where a new or edited action sits: an agenda item of a meeting, or a body's log directly. */
export type ActionFormPlacement =
  | { kind: "item"; meetingId: string; itemId: string; itemTitle: string; bodyName: string; meetingLabel: string }
  | { kind: "standalone" }
  | { kind: "edit"; action: ActionView };

/** The form to record an action (from an agenda item or standalone) or to edit one. */
export function ActionFormPage(props: {
  ctx: ViewContext;
  placement: ActionFormPlacement;
  values: Record<string, string>;
  errors: FieldErrors;
  people: PersonChoice[];
  bodies: BodyChoice[];
  decisions: DecisionChoice[];
  /** When the save was refused because someone else saved first: their version. */
  conflict?: ActionView | undefined;
}) {
  const { ctx, placement: where, values, errors } = props;
  const title = where.kind === "edit" ? "Edit action" : "Record an action";
  const action =
    where.kind === "item"
      ? `/meetings/${where.meetingId}/items/${where.itemId}/actions`
      : where.kind === "standalone"
        ? "/actions"
        : `/actions/${where.action.id}`;
  const back =
    where.kind === "item"
      ? { href: `/meetings/${where.meetingId}`, text: "Back to the meeting" }
      : where.kind === "edit"
        ? { href: actionHref(where.action.id), text: "Back to the action" }
        : { href: "/actions", text: "Action log" };
  const showDecisions = where.kind === "item" || (where.kind === "edit" && where.action.sourceAgendaItemId !== null);
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={back.href}>{back.text}</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "description")} />
      {where.kind === "item" ? <span className="nhsuk-caption-l">{`${where.bodyName}, ${where.meetingLabel}: ${where.itemTitle}`}</span> : null}
      {where.kind === "edit" ? <span className="nhsuk-caption-l">Action of {where.action.bodyName}</span> : null}
      <h1>{title}</h1>
      {props.conflict ? (
        <WarningCallout>
          <WarningCallout.Heading headingLevel="h2">Someone else saved this action first</WarningCallout.Heading>
          <p>
            Their version reads “{props.conflict.description}”, owned by {props.conflict.ownerName}
            {props.conflict.dueOn ? `, due ${formatDate(props.conflict.dueOn)}` : ""}. Your changes are below and have not been saved. Save again to replace
            their version with yours.
          </p>
        </WarningCallout>
      ) : null}
      <form method="post" action={action} noValidate>
        <CsrfField token={ctx.csrfToken} />
        {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
        {where.kind === "standalone" ? (
          <Select label="Body" hint="Whose action log holds it" id="bodyId" name="bodyId" defaultValue={values.bodyId ?? ""} error={errors.bodyId}>
            <Select.Option value="">Select a body</Select.Option>
            {props.bodies.map((b) => (
              <Select.Option key={b.id} value={b.id}>
                {b.name}
              </Select.Option>
            ))}
          </Select>
        ) : null}
        <Textarea label="What is to be done" id="description" name="description" rows={4} defaultValue={values.description ?? ""} error={errors.description} />
        <Select
          label="Owner"
          hint="The person who will see it done"
          id="ownerPersonId"
          name="ownerPersonId"
          defaultValue={values.ownerPersonId ?? ""}
          error={errors.ownerPersonId}
        >
          <Select.Option value="">Select a person</Select.Option>
          {props.people.map((p) => (
            <Select.Option key={p.id} value={p.id}>
              {personLabel(p)}
            </Select.Option>
          ))}
        </Select>
        <NhsDate name="dueOn" legend="Due date (optional)" values={values} errors={errors} />
        {showDecisions ? (
          <Select
            label="Decision (optional)"
            hint="The decision on this item the action follows"
            id="decisionId"
            name="decisionId"
            defaultValue={values.decisionId ?? ""}
            error={errors.decisionId}
          >
            <Select.Option value="">None</Select.Option>
            {props.decisions.map((d) => (
              <Select.Option key={d.id} value={d.id}>
                {d.text.length > 100 ? `${d.text.slice(0, 97)}…` : d.text}
              </Select.Option>
            ))}
          </Select>
        ) : null}
        <Button>{where.kind === "edit" ? "Save changes" : "Record action"}</Button>
      </form>
    </Layout>
  );
}

/** The form values for an existing action. */
export function actionFormValues(a: ActionView): Record<string, string> {
  return {
    description: a.description,
    ownerPersonId: a.ownerPersonId,
    ...dateParts("dueOn", a.dueOn),
    decisionId: a.decisionId ?? "",
    version: String(a.version),
  };
}

/** "Monday 4 December 2017" style label of a meeting for captions. */
export function meetingCaption(meeting: { title: string | null; startsAt: Date }): string {
  const date = formatDate(londonDate(meeting.startsAt));
  return meeting.title ? `${meeting.title}, ${date}` : date;
}

import { Button, DateInput, Radios, Select, Table, Tag, TextInput } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, formTitle, formatDate, formatDateTime } from "../../platform/views/components.tsx";
import type { FieldErrors } from "../../platform/http/errors.ts";
import type { AgendaItemKind } from "../meetings/meetings.tables.ts";
import type { ForwardPlanRow, ForwardPlanView } from "./forward-plan.repository.ts";
import { BUSINESS_KINDS, BUSINESS_KIND_LABELS } from "./forward-plan.schema.ts";
import { monthOf } from "./forward-plan.service.ts";
import { BackLink } from "../../platform/views/form-fields.tsx";

type Body = { id: string; name: string };
type MeetingChoice = { id: string; title: string | null; startsAt: Date };
type PersonChoice = { id: string; name: string; jobTitle: string | null };

const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** A target month stored as its first day, e.g. "April 2018". */
export function formatMonth(firstDay: string): string {
  return monthFormat.format(new Date(`${firstDay}T00:00:00Z`));
}

function meetingChoiceLabel(m: MeetingChoice): string {
  return m.title ? `${m.title}, ${formatDateTime(m.startsAt)}` : formatDateTime(m.startsAt);
}

function Target({ view }: { view: ForwardPlanView }) {
  if (view.targetMeeting) return <a href={`/meetings/${view.targetMeeting.id}`}>{meetingChoiceLabel(view.targetMeeting)}</a>;
  if (view.entry.targetMonth) return <>{formatMonth(view.entry.targetMonth)}</>;
  return <>No target yet</>;
}

function Business({ view }: { view: ForwardPlanView }) {
  return (
    <>
      <strong>{view.entry.title}</strong>
      <br />
      <span className="nhsuk-body-s">{BUSINESS_KIND_LABELS[view.entry.kind]}</span>
      {view.source ? (
        <>
          <br />
          <Tag modifier="blue">Recommendation</Tag>{" "}
          <span className="nhsuk-body-s">
            from {view.source.bodyName}, <a href={`/decisions/${view.source.id}`}>decision of {formatDate(view.source.decidedOn)}</a>
          </span>
          {view.source.confidentiality === "part_2" ? (
            <>
              {" "}
              <Tag modifier="red">Part II (confidential)</Tag>
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}

export function ForwardPlanPage(props: { ctx: ViewContext; body: Body; entries: ForwardPlanView[]; canManage: boolean; canSchedule: boolean }) {
  const { ctx, body, entries } = props;
  const toSchedule = entries.filter((e) => !e.scheduledItem);
  const scheduled = entries.filter((e) => e.scheduledItem);
  const base = `/bodies/${body.id}/forward-plan`;
  return (
    <Layout ctx={ctx} title={`Forward plan – ${body.name}`} beforeContent={<BackLink href={`/bodies/${body.id}`}>{body.name}</BackLink>}>
      <span className="nhsuk-caption-l">{body.name}</span>
      <h1>Forward plan</h1>
      <p>Future business for {body.name}, by the meeting or month it is planned for. Recommendations from other bodies arrive here.</p>
      {props.canManage ? (
        <p>
          <a className="nhsuk-button" href={`${base}/new`} role="button" draggable="false">
            Add future business
          </a>
        </p>
      ) : null}
      <h2>To schedule</h2>
      {toSchedule.length === 0 ? (
        <p>Nothing is waiting to be put on an agenda.</p>
      ) : (
        <Table responsive caption="Business still to put on an agenda" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Target</Table.Cell>
              <Table.Cell>Business</Table.Cell>
              <Table.Cell>Owner</Table.Cell>
              {props.canManage ? <Table.Cell>Actions</Table.Cell> : null}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {toSchedule.map((v) => (
              <Table.Row key={v.entry.id}>
                <Table.Cell>
                  <Target view={v} />
                </Table.Cell>
                <Table.Cell>
                  <Business view={v} />
                </Table.Cell>
                <Table.Cell>{v.owner ? <a href={`/people/${v.owner.id}`}>{v.owner.name}</a> : "Not assigned"}</Table.Cell>
                {props.canManage ? (
                  <Table.Cell>
                    <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                      {props.canSchedule ? (
                        <li>
                          <a href={`${base}/${v.entry.id}/schedule`}>
                            Schedule<span className="nhsuk-u-visually-hidden"> {v.entry.title}</span>
                          </a>
                        </li>
                      ) : null}
                      <li>
                        <a href={`${base}/${v.entry.id}/edit`}>
                          Edit<span className="nhsuk-u-visually-hidden"> {v.entry.title}</span>
                        </a>
                      </li>
                      <li>
                        <RemoveForm ctx={ctx} base={base} entry={v.entry} />
                      </li>
                    </ul>
                  </Table.Cell>
                ) : null}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <h2>On an agenda</h2>
      {scheduled.length === 0 ? (
        <p>Nothing from this plan has been put on an agenda yet.</p>
      ) : (
        <Table responsive caption="Business already put on an agenda" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Meeting</Table.Cell>
              <Table.Cell>Business</Table.Cell>
              <Table.Cell>Owner</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {scheduled.map((v) => (
              <Table.Row key={v.entry.id}>
                <Table.Cell>
                  <a href={`/meetings/${v.scheduledItem!.meetingId}`}>{v.targetMeeting ? meetingChoiceLabel(v.targetMeeting) : "The meeting"}</a>
                </Table.Cell>
                <Table.Cell>
                  <Business view={v} />
                </Table.Cell>
                <Table.Cell>{v.owner ? v.owner.name : "Not assigned"}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Layout>
  );
}

function RemoveForm({ ctx, base, entry }: { ctx: ViewContext; base: string; entry: ForwardPlanRow }) {
  return (
    <form method="post" action={`${base}/${entry.id}/remove`} className="app-inline-form">
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name="version" value={entry.version} />
      <button type="submit" className="app-button-link">
        Remove<span className="nhsuk-u-visually-hidden"> {entry.title}</span>
      </button>
    </form>
  );
}

export function ForwardPlanFormPage(props: {
  ctx: ViewContext;
  body: Body;
  mode: "new" | "edit";
  entryId?: string;
  values: Record<string, string>;
  errors: FieldErrors;
  meetings: MeetingChoice[];
  people: PersonChoice[];
  conflict?: ForwardPlanRow | undefined;
}) {
  const { ctx, body, values, errors } = props;
  const title = props.mode === "new" ? "Add future business" : "Edit future business";
  const action = props.mode === "new" ? `/bodies/${body.id}/forward-plan` : `/bodies/${body.id}/forward-plan/${props.entryId}`;
  const kinds: AgendaItemKind[] =
    BUSINESS_KINDS.includes(values.kind as AgendaItemKind) || !values.kind ? BUSINESS_KINDS : [...BUSINESS_KINDS, values.kind as AgendaItemKind];
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={`/bodies/${body.id}/forward-plan`}>Forward plan</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={{ _form: "title", targetMonth: "targetMonth-month" }} />
      <span className="nhsuk-caption-l">{body.name}</span>
      <h1>{title}</h1>
      {props.conflict ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Someone else saved this entry first
            </span>
          </h2>
          <p>
            Their version is titled “{props.conflict.title}”. Your changes are below and have not been saved. Save again to replace their version with yours.
          </p>
        </div>
      ) : null}
      <form method="post" action={action} noValidate>
        <CsrfField token={ctx.csrfToken} />
        {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
        <TextInput
          label="Title"
          hint="As it will appear on the agenda, for example “Estates and capital plan update”"
          id="title"
          name="title"
          defaultValue={values.title ?? ""}
          error={errors.title}
        />
        <Select label="Kind of business" id="kind" name="kind" defaultValue={values.kind ?? "update"} error={errors.kind}>
          {kinds.map((k) => (
            <Select.Option key={k} value={k}>
              {BUSINESS_KIND_LABELS[k]}
            </Select.Option>
          ))}
        </Select>
        <Select
          label="Target meeting (optional)"
          hint="A coming meeting of this body"
          id="targetMeetingId"
          name="targetMeetingId"
          defaultValue={values.targetMeetingId ?? ""}
          error={errors.targetMeetingId}
        >
          <Select.Option value="">No meeting chosen yet</Select.Option>
          {props.meetings.map((m) => (
            <Select.Option key={m.id} value={m.id}>
              {meetingChoiceLabel(m)}
            </Select.Option>
          ))}
        </Select>
        <DateInput
          id="targetMonth"
          name="targetMonth"
          legend="Or a target month (optional)"
          legendProps={{ size: "s" }}
          hint="When no meeting is chosen yet. For example, 4 2018"
          error={errors.targetMonth}
          defaultValue={{ month: values["targetMonth-month"] ?? "", year: values["targetMonth-year"] ?? "" }}
        >
          <DateInput.Month />
          <DateInput.Year />
        </DateInput>
        <Select
          label="Owner (optional)"
          hint="Who will bring this business to the meeting"
          id="ownerPersonId"
          name="ownerPersonId"
          defaultValue={values.ownerPersonId ?? ""}
          error={errors.ownerPersonId}
        >
          <Select.Option value="">Not assigned</Select.Option>
          {props.people.map((p) => (
            <Select.Option key={p.id} value={p.id}>
              {p.jobTitle ? `${p.name}, ${p.jobTitle}` : p.name}
            </Select.Option>
          ))}
        </Select>
        <Button>{props.mode === "new" ? "Add to forward plan" : "Save changes"}</Button>
      </form>
    </Layout>
  );
}

/** The form values for a stored entry. */
export function forwardPlanFormValues(entry: ForwardPlanRow): Record<string, string> {
  const month = monthOf(entry.targetMonth);
  return {
    title: entry.title,
    kind: entry.kind,
    targetMeetingId: entry.targetMeetingId ?? "",
    "targetMonth-month": month ? String(Number(month.slice(5, 7))) : "",
    "targetMonth-year": month ? month.slice(0, 4) : "",
    ownerPersonId: entry.ownerPersonId ?? "",
    version: String(entry.version),
  };
}

export function SchedulePage(props: {
  ctx: ViewContext;
  body: Body;
  view: ForwardPlanView;
  meetings: MeetingChoice[];
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const { ctx, body, view, values, errors } = props;
  const title = "Put this business on an agenda";
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={`/bodies/${body.id}/forward-plan`}>Forward plan</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={{ _form: "meetingId-1", meetingId: "meetingId-1", version: "meetingId-1" }} />
      <span className="nhsuk-caption-l">{body.name}</span>
      <h1>{title}</h1>
      <p>
        <strong>{view.entry.title}</strong> ({BUSINESS_KIND_LABELS[view.entry.kind]}) becomes an item on the meeting’s agenda, where it can be given a
        presenter, papers and a place in the order.
      </p>
      {view.source?.confidentiality === "part_2" ? <p>It came from a confidential recommendation, so it will be a Part II item.</p> : null}
      {props.meetings.length === 0 ? (
        <p>
          {body.name} has no coming meetings. <a href={`/bodies/${body.id}/forward-plan`}>Back to the forward plan</a>
        </p>
      ) : (
        <form method="post" action={`/bodies/${body.id}/forward-plan/${view.entry.id}/schedule`} noValidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="version" value={values.version ?? ""} />
          <Radios id="meetingId" name="meetingId" legend="Which meeting?" legendProps={{ size: "s" }} error={errors.meetingId}>
            {props.meetings.map((m) => (
              <Radios.Item key={m.id} value={m.id} defaultChecked={values.meetingId === m.id}>
                {meetingChoiceLabel(m)}
              </Radios.Item>
            ))}
          </Radios>
          <Button>Put on the agenda</Button>
        </form>
      )}
    </Layout>
  );
}

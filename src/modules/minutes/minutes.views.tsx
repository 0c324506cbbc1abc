import { Button, Tag, Textarea } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, formTitle, formatDate } from "../../platform/views/components.tsx";
import type { FieldErrors } from "../../platform/http/errors.ts";
import { formatLondonDate } from "../../platform/time.ts";
import type { MinutesStatus } from "../meetings/meetings.tables.ts";
import type { AttendanceView } from "../attendance/attendance.repository.ts";
import type { MeetingQuorum } from "../attendance/attendance.service.ts";
import { AttendanceList, QuorumStatement, meetingTitle } from "../attendance/attendance.views.tsx";
import type { MeetingItemRef } from "../attendance/meetings-port.ts";
import { MINUTES_STATUS_LABELS } from "./minutes.schema.ts";
import type { ItemMinutesView, MeetingMinutes } from "./minutes.service.ts";
import { BackLink } from "../../platform/views/form-fields.tsx";

/** A decision recorded against an item, as the minutes list it. */
export interface MinutedDecision {
  id: string;
  text: string;
  kindLabel: string;
  takenWhileInquorate: boolean;
}

/** An action arising from an item, as the minutes list it. */
export interface MinutedAction {
  id: string;
  description: string;
  ownerName: string;
  dueOn: string | null;
}

/** The item being edited when the page is redrawn after a refused save. */
export interface ItemEdit {
  itemId: string;
  values: Record<string, string>;
  errors: FieldErrors;
  /** The newer minutes someone else saved first. */
  conflict?: ItemMinutesView | undefined;
}

function StatusTag({ status }: { status: MinutesStatus | null }) {
  if (!status) return <Tag color="grey">Not started</Tag>;
  return <Tag color={status === "approved" ? "green" : status === "circulated" ? "blue" : "yellow"}>{MINUTES_STATUS_LABELS[status]}</Tag>;
}

const fieldId = (field: string, itemId: string) => `${field}-${itemId}`;

/** Text written over several lines, shown as paragraphs. */
function Paragraphs({ text, empty }: { text: string; empty: string }) {
  if (!text.trim()) return <p className="nhsuk-body-s app-minutes__empty">{empty}</p>;
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i} className="app-minutes__text">
            {p}
          </p>
        ))}
    </>
  );
}

/**
 * The minutes of a meeting: attendance and quorum at the top, as real minutes start, then each
 * item's discussion (insiders only), public summary and outcome, with the decisions and actions
 * recorded against it. The board office edits each item in its own form.
 */
export function MinutesPage(props: {
  ctx: ViewContext;
  minutes: MeetingMinutes;
  attendance: {
    records: readonly AttendanceView[];
    quorum: MeetingQuorum;
    rule: { termsOfReference: { versionLabel: string }; description: string } | null;
    items: readonly MeetingItemRef[];
  };
  decisions: ReadonlyMap<string, MinutedDecision[]>;
  actions: ReadonlyMap<string, MinutedAction[]>;
  canWrite: boolean;
  showDiscussion: boolean;
  editing?: ItemEdit | undefined;
}) {
  const { ctx, minutes, editing } = props;
  const { meeting } = minutes;
  const title = `Minutes: ${meetingTitle(meeting)}`;
  const errors = editing?.errors ?? {};
  const status = meeting.minutesStatus;
  const editable = props.canWrite && status !== "approved" && meeting.status !== "cancelled" && meeting.status !== "postponed";
  const inquorate = [...props.decisions.values()].flat().filter((d) => d.takenWhileInquorate);
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={`/meetings/${meeting.id}`}>Back to the meeting</BackLink>}>
      {editing ? (
        <FormErrorSummary
          errors={errors}
          fieldIds={Object.fromEntries(
            Object.keys(errors).map((k) => [k, k === "_form" || k === "version" ? fieldId("discussion", editing.itemId) : fieldId(k, editing.itemId)]),
          )}
        />
      ) : null}
      <h1>{title}</h1>
      <p>
        <StatusTag status={status} />{" "}
        {minutes.approvedBy ? (
          minutes.approvedBy.meeting ? (
            <>
              Approved at the <a href={`/meetings/${minutes.approvedBy.meeting.id}`}>meeting of {formatLondonDate(minutes.approvedBy.meeting.startsAt)}</a>
            </>
          ) : (
            "Approved by a decision of a later meeting"
          )
        ) : null}
      </p>
      {props.canWrite ? <StatusControls ctx={ctx} meetingId={meeting.id} status={status} meetingStatus={meeting.status} /> : null}

      <AttendanceList records={props.attendance.records} />
      <QuorumStatement
        quorum={props.attendance.quorum}
        rule={props.attendance.rule}
        bodyName={meeting.body.name}
        date={meeting.startsAt}
        items={props.attendance.items}
      />
      {inquorate.length > 0 ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Decisions taken while the meeting was not quorate
            </span>
          </h2>
          <p>
            {inquorate.length === 1 ? "One decision was" : `${inquorate.length} decisions were`} taken when the meeting was not quorate for the item. They are
            marked below and may need ratifying at a quorate meeting.
          </p>
        </div>
      ) : null}

      {minutes.items.length === 0 ? <p>There are no agenda items to minute.</p> : null}
      {minutes.items.map(({ item, minutes: m }) => {
        const mine = editing?.itemId === item.id ? editing : undefined;
        const values = mine?.values ?? { discussion: m.discussion ?? "", publicSummary: m.publicSummary, outcome: m.outcome, version: String(m.version) };
        const itemErrors = mine?.errors ?? {};
        const decisions = props.decisions.get(item.id) ?? [];
        const actions = props.actions.get(item.id) ?? [];
        return (
          <section key={item.id} id={`item-${item.id}`} aria-labelledby={`item-${item.id}-heading`} className="app-minutes__item">
            <h2 id={`item-${item.id}-heading`}>
              {item.number}. {item.title} {item.confidentiality === "part_2" ? <Tag color="orange">Part II: confidential</Tag> : null}
            </h2>
            {mine?.conflict ? (
              <div className="nhsuk-warning-callout">
                <h3 className="nhsuk-warning-callout__label">
                  <span role="text">
                    <span className="nhsuk-u-visually-hidden">Important: </span>Someone else saved the minutes of this item first
                  </span>
                </h3>
                <p>Their version is below; your changes are in the form and have not been saved. Save again to replace their version with yours.</p>
                <p>
                  <strong>Public summary:</strong> {mine.conflict.publicSummary || "(empty)"}
                </p>
                <p>
                  <strong>Outcome:</strong> {mine.conflict.outcome || "(empty)"}
                </p>
              </div>
            ) : null}
            {editable ? (
              <form method="post" action={`/meetings/${meeting.id}/minutes/items/${item.id}`} noValidate>
                <CsrfField token={ctx.csrfToken} />
                <input type="hidden" name="version" value={values.version ?? "0"} />
                <Textarea
                  label="Discussion"
                  hint="The record of the discussion, for the partnership only: it is never published"
                  id={fieldId("discussion", item.id)}
                  name="discussion"
                  rows={6}
                  defaultValue={values.discussion ?? ""}
                  error={itemErrors.discussion}
                />
                <Textarea
                  label="Public summary"
                  hint={
                    item.confidentiality === "part_2"
                      ? "This item is confidential (Part II): its summary is never published"
                      : "What may be published once the minutes are approved"
                  }
                  id={fieldId("publicSummary", item.id)}
                  name="publicSummary"
                  rows={4}
                  defaultValue={values.publicSummary ?? ""}
                  error={itemErrors.publicSummary}
                />
                <Textarea
                  label="Outcome"
                  hint="For example, “The board approved the plans” or “Noted”"
                  id={fieldId("outcome", item.id)}
                  name="outcome"
                  rows={2}
                  defaultValue={values.outcome ?? ""}
                  error={itemErrors.outcome}
                />
                <Button secondary>
                  Save minutes<span className="nhsuk-u-visually-hidden"> of item {item.number}</span>
                </Button>
              </form>
            ) : (
              <>
                {props.showDiscussion ? (
                  <>
                    <h3 className="nhsuk-heading-s">Discussion</h3>
                    <Paragraphs text={m.discussion ?? ""} empty="No discussion has been minuted." />
                  </>
                ) : null}
                <h3 className="nhsuk-heading-s">{props.showDiscussion ? "Public summary" : "Summary"}</h3>
                <Paragraphs text={m.publicSummary} empty="No summary has been minuted." />
                <h3 className="nhsuk-heading-s">Outcome</h3>
                <Paragraphs text={m.outcome} empty="No outcome has been minuted." />
              </>
            )}
            <ItemRecords meetingId={meeting.id} itemId={item.id} itemNumber={item.number} decisions={decisions} actions={actions} canAdd={editable} />
          </section>
        );
      })}
    </Layout>
  );
}

function ItemRecords(props: {
  meetingId: string;
  itemId: string;
  itemNumber: string;
  decisions: MinutedDecision[];
  actions: MinutedAction[];
  canAdd: boolean;
}) {
  const { decisions, actions } = props;
  if (decisions.length === 0 && actions.length === 0 && !props.canAdd) return null;
  return (
    <>
      <h3 className="nhsuk-heading-s">Decisions</h3>
      {decisions.length === 0 ? (
        <p className="nhsuk-body-s">None recorded.</p>
      ) : (
        <ul className="nhsuk-list">
          {decisions.map((d) => (
            <li key={d.id}>
              <a href={`/decisions/${d.id}`}>{d.text}</a> ({d.kindLabel.toLowerCase()}){" "}
              {d.takenWhileInquorate ? <Tag color="red">Taken while not quorate</Tag> : null}
            </li>
          ))}
        </ul>
      )}
      <h3 className="nhsuk-heading-s">Actions</h3>
      {actions.length === 0 ? (
        <p className="nhsuk-body-s">None recorded.</p>
      ) : (
        <ul className="nhsuk-list">
          {actions.map((a) => (
            <li key={a.id}>
              <a href={`/actions/${a.id}`}>{a.description}</a>: {a.ownerName}
              {a.dueOn ? `, by ${formatDate(a.dueOn)}` : ""}
            </li>
          ))}
        </ul>
      )}
      {props.canAdd ? (
        <p className="nhsuk-body-s">
          <a href={`/meetings/${props.meetingId}/items/${props.itemId}/decisions/new`}>
            Record a decision<span className="nhsuk-u-visually-hidden"> on item {props.itemNumber}</span>
          </a>{" "}
          ·{" "}
          <a href={`/meetings/${props.meetingId}/items/${props.itemId}/actions/new`}>
            Record an action<span className="nhsuk-u-visually-hidden"> on item {props.itemNumber}</span>
          </a>
        </p>
      ) : null}
    </>
  );
}

function StatusControls(props: { ctx: ViewContext; meetingId: string; status: MinutesStatus | null; meetingStatus: string }) {
  const { status } = props;
  if (status === "approved") return null;
  const form = (action: "draft" | "circulate", label: string, secondary: boolean) => (
    <form method="post" action={`/meetings/${props.meetingId}/minutes/${action}`} className="app-inline-form">
      <CsrfField token={props.ctx.csrfToken} />
      <Button secondary={secondary}>{label}</Button>
    </form>
  );
  return (
    <div className="nhsuk-button-group">
      {status === null ? form("draft", "Start drafting the minutes", true) : null}
      {status === "draft" ? form("circulate", "Circulate the minutes to members", false) : null}
      {status === "circulated" ? form("draft", "Return the minutes to draft", true) : null}
      <p className="nhsuk-body-s">Minutes are approved by a decision of a later meeting, on its “minutes of the last meeting” item.</p>
    </div>
  );
}

import type { ReactNode } from "react";
import { Button, Checkboxes, DateInput, Fieldset, Radios, Select, SummaryList, Table, Tag, Textarea, TextInput } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, HistorySection, PageLinks, formTitle, formatDate } from "../../platform/views/components.tsx";
import type { HistoryEntry } from "../../platform/audit/audit.ts";
import type { FieldErrors } from "../../platform/http/errors.ts";
import { formatLondonDate, formatLondonTime, toLondon } from "../../platform/time.ts";
import type { AgendaTemplateItemRow, MeetingRow, MeetingView } from "./meetings.repository.ts";
import type { AgendaItem } from "./meetings.service.ts";
import type { DeepDive } from "../portfolio/portfolio.service.ts";
import { DeepDiveSection } from "../portfolio/portfolio.views.tsx";
import {
  AGENDA_ITEM_KIND_LABELS,
  AGENDA_ITEM_PURPOSE_LABELS,
  MEETING_FORM_FIELD_IDS,
  MEETING_STATUS_LABELS,
  ORDINAL_LABELS,
  PRESENTER_FORM_ROWS,
  WEEKDAY_LABELS,
} from "./meetings.schema.ts";
import { AGENDA_ITEM_KINDS, AGENDA_ITEM_PURPOSES, type MeetingStatus } from "./meetings.tables.ts";
import { ORDINALS, WEEKDAYS } from "./schedule-rule.ts";
import { BackLink } from "../../platform/views/form-fields.tsx";
import { meetingPath } from "./meeting-path.ts";

const FIELD_LABELS: Record<string, string> = {
  title: "Title",
  startsAt: "Starts",
  endsAt: "Ends",
  venue: "Venue",
  onlineUrl: "Online link",
  hasPublicSession: "Public session",
  hasPrivateSession: "Private session",
  status: "Status",
  statusReason: "Reason",
  kind: "Kind",
  purpose: "Purpose",
  durationMinutes: "Minutes allowed",
  confidentiality: "Part",
  exemptionReason: "Exemption reason",
  recommendation: "Recommendation",
  presenters: "Presenters",
};

// ---------------------------------------------------------------------------------------------
// Shared pieces

/** A meeting as lists and headings name it: its title, or the body and day. */
export function meetingName(m: Pick<MeetingView, "title" | "startsAt" | "body">): string {
  return m.title ?? `${m.body.name}, ${formatLondonDate(m.startsAt)}`;
}

function ButtonLink({ href, children, secondary }: { href: string; children: ReactNode; secondary?: boolean }) {
  return (
    <a className={secondary ? "nhsuk-button nhsuk-button--secondary" : "nhsuk-button"} href={href} role="button" draggable="false">
      {children}
    </a>
  );
}

function WarningCallout({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <div className="nhsuk-warning-callout">
      <h2 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {heading}
        </span>
      </h2>
      {children}
    </div>
  );
}

const STATUS_COLOURS: Record<MeetingStatus, "blue" | "green" | "grey" | "red" | "orange" | "purple" | "yellow" | "white"> = {
  planned: "white",
  agenda_published: "blue",
  held: "purple",
  minutes_drafted: "yellow",
  minutes_approved: "green",
  cancelled: "red",
  postponed: "orange",
};

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  return <Tag color={STATUS_COLOURS[status]}>{MEETING_STATUS_LABELS[status]}</Tag>;
}

function Part2Tag() {
  return <Tag color="red">Part II – confidential</Tag>;
}

/** Text typed into a textarea, shown as paragraphs with its line breaks kept. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim() !== "")
        .map((p, i) => (
          <p key={i}>
            {p.split("\n").map((line, j) => (
              <span key={j}>
                {j > 0 ? <br /> : null}
                {line}
              </span>
            ))}
          </p>
        ))}
    </>
  );
}

function timeRange(m: Pick<MeetingRow, "startsAt" | "endsAt">): string {
  return `${formatLondonTime(m.startsAt)} to ${formatLondonTime(m.endsAt)}`;
}

function sessionsOf(m: Pick<MeetingRow, "hasPublicSession" | "hasPrivateSession">): string {
  if (m.hasPublicSession && m.hasPrivateSession) return "Public session, then a private session";
  return m.hasPublicSession ? "Public session" : "Private session only";
}

function summaryIds(errors: FieldErrors, extra: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.keys(errors).map((k) => [k, extra[k] ?? (k.startsWith("presenters") ? "presenter-0-personId" : k)]));
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

// ---------------------------------------------------------------------------------------------
// Lists

const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "Europe/London" });

/** Meetings grouped by month in England ("March 2018"), keeping their order. */
function byMonth(rows: MeetingView[]): { month: string; rows: MeetingView[] }[] {
  const groups: { month: string; rows: MeetingView[] }[] = [];
  for (const m of rows) {
    const month = monthFormat.format(m.startsAt);
    const last = groups[groups.length - 1];
    if (last && last.month === month) last.rows.push(m);
    else groups.push({ month, rows: [m] });
  }
  return groups;
}

/** The calendar's meetings, one table per month under a month heading. */
function MeetingsByMonth({ rows, caption, showBody, headingLevel }: { rows: MeetingView[]; caption: string; showBody: boolean; headingLevel: "h3" }) {
  const Heading = headingLevel;
  return (
    <>
      {byMonth(rows).map((group) => (
        <div key={group.month}>
          <Heading>{group.month}</Heading>
          <MeetingsTable rows={group.rows} caption={`${caption}, ${group.month}`} showBody={showBody} />
        </div>
      ))}
    </>
  );
}

function MeetingsTable({ rows, caption, showBody }: { rows: MeetingView[]; caption: string; showBody: boolean }) {
  return (
    <Table responsive caption={caption} captionProps={{ className: "nhsuk-u-visually-hidden" }}>
      <Table.Head>
        <Table.Row>
          <Table.Cell>Date</Table.Cell>
          <Table.Cell>Time</Table.Cell>
          {showBody ? <Table.Cell>Body</Table.Cell> : null}
          <Table.Cell>Meeting</Table.Cell>
          <Table.Cell>Status</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rows.map((m) => (
          <Table.Row key={m.id}>
            <Table.Cell>{formatLondonDate(m.startsAt)}</Table.Cell>
            <Table.Cell>{timeRange(m)}</Table.Cell>
            {showBody ? <Table.Cell>{m.body.name}</Table.Cell> : null}
            <Table.Cell>
              <a href={meetingPath(m)}>{m.title ?? `${m.body.shortName ?? m.body.name} meeting`}</a>
              {m.venue ? <div className="app-tree__meta">{m.venue}</div> : null}
            </Table.Cell>
            <Table.Cell>
              <MeetingStatusTag status={m.status} />
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

/** A link to a meeting feed (iCalendar) that calendar apps can subscribe to. */
function SubscribeLink(props: { href: string }) {
  return (
    <p>
      <a href={props.href} type="text/calendar">
        Subscribe to this calendar
      </a>{" "}
      (copy the link into Outlook, Google Calendar or Apple Calendar to see these meetings there)
    </p>
  );
}

/** The calendar: upcoming or past meetings, filtered by body. */
export function MeetingListPage(props: {
  ctx: ViewContext;
  rows: MeetingView[];
  page: number;
  hasNext: boolean;
  when: "upcoming" | "past";
  bodyId: string | undefined;
  bodies: { id: string; name: string }[];
  canManage: boolean;
  /** When nothing is coming up: the latest past meetings, so a visitor finds them without changing a filter. */
  recentPast?: MeetingView[];
}) {
  const { ctx, rows, when } = props;
  const tabHref = (w: string) => `/meetings?when=${w}${props.bodyId ? `&bodyId=${props.bodyId}` : ""}`;
  return (
    <Layout ctx={ctx} title={when === "upcoming" ? "Meetings" : "Past meetings"}>
      <h1>Meetings</h1>
      <p>Meetings of the bodies of {ctx.partnershipName}. Times are UK times.</p>
      <SubscribeLink href={props.bodyId ? `/bodies/${props.bodyId}/meetings.ics` : "/meetings.ics"} />
      {props.canManage ? (
        <p>
          <ButtonLink href="/meetings/new">Schedule a meeting</ButtonLink>
        </p>
      ) : null}
      <form method="get" action="/meetings" className="app-filter" role="search" aria-label="Filter meetings">
        <input type="hidden" name="when" value={when} />
        <Select label="Body" id="bodyId" name="bodyId" defaultValue={props.bodyId ?? ""}>
          <Select.Option value="">All bodies</Select.Option>
          {props.bodies.map((b) => (
            <Select.Option key={b.id} value={b.id}>
              {b.name}
            </Select.Option>
          ))}
        </Select>
        <Button secondary>Filter</Button>
      </form>
      <nav aria-label="Upcoming or past meetings">
        <ul className="nhsuk-list">
          <li>{when === "upcoming" ? <strong>Upcoming meetings</strong> : <a href={tabHref("upcoming")}>Upcoming meetings</a>}</li>
          <li>{when === "past" ? <strong>Past meetings</strong> : <a href={tabHref("past")}>Past meetings</a>}</li>
        </ul>
      </nav>
      <h2>{when === "upcoming" ? "Upcoming meetings" : "Past meetings"}</h2>
      {rows.length === 0 ? (
        <p>{when === "upcoming" ? "No meetings are scheduled." : "No past meetings have been recorded."}</p>
      ) : (
        <MeetingsByMonth rows={rows} caption={when === "upcoming" ? "Upcoming meetings" : "Past meetings"} showBody={!props.bodyId} headingLevel="h3" />
      )}
      <PageLinks page={props.page} hasNext={props.hasNext} baseQuery={{ when, bodyId: props.bodyId }} />
      {props.recentPast && props.recentPast.length > 0 ? (
        <>
          <h2>Recent meetings</h2>
          <MeetingsByMonth rows={props.recentPast} caption="Recent meetings" showBody={!props.bodyId} headingLevel="h3" />
          <p>
            <a href={tabHref("past")}>All past meetings</a>
          </p>
        </>
      ) : null}
    </Layout>
  );
}

/** A body's meetings, with links to schedule, generate a year and manage the standard opening items. */
export function BodyMeetingsPage(props: {
  ctx: ViewContext;
  body: { id: string; name: string; archivedAt: Date | null };
  upcoming: MeetingView[];
  past: MeetingView[];
  page: number;
  hasNextPast: boolean;
  template: AgendaTemplateItemRow[];
  canManage: boolean;
}) {
  const { ctx, body } = props;
  const current = body.archivedAt === null;
  return (
    <Layout ctx={ctx} title={`Meetings of ${body.name}`} beforeContent={<BackLink href={`/bodies/${body.id}`}>{body.name}</BackLink>}>
      <h1>Meetings of {body.name}</h1>
      <SubscribeLink href={`/bodies/${body.id}/meetings.ics`} />
      {props.canManage && current ? (
        <div className="nhsuk-button-group">
          <ButtonLink href={`/meetings/new?bodyId=${body.id}`}>Schedule a meeting</ButtonLink>
          <ButtonLink href={`/bodies/${body.id}/meetings/generate`} secondary>
            Generate a year of meetings
          </ButtonLink>
        </div>
      ) : null}
      <h2>Upcoming meetings</h2>
      {props.upcoming.length === 0 ? (
        <p>No meetings are scheduled.</p>
      ) : (
        <MeetingsTable rows={props.upcoming} caption={`Upcoming meetings of ${body.name}`} showBody={false} />
      )}
      <h2>Past meetings</h2>
      {props.past.length === 0 ? (
        <p>No past meetings have been recorded.</p>
      ) : (
        <MeetingsTable rows={props.past} caption={`Past meetings of ${body.name}`} showBody={false} />
      )}
      <PageLinks page={props.page} hasNext={props.hasNextPast} baseQuery={{}} />
      <h2>Standard opening items</h2>
      {props.template.length === 0 ? (
        <p>No standard opening items have been set up.</p>
      ) : (
        <ol className="nhsuk-list nhsuk-list--number">
          {props.template.map((t) => (
            <li key={t.id}>{t.title}</li>
          ))}
        </ol>
      )}
      {props.canManage ? (
        <p>
          <a href={`/bodies/${body.id}/meetings/template`}>Manage the standard opening items</a>
        </p>
      ) : null}
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// The meeting page

/** What the other modules add to each item on the meeting page (filtered for the viewer by them). */
export interface ItemExtras {
  papers: { id: string; title: string; format: string; sizeBytes: number; versionNumber: number; downloadUrl: string }[];
  flags: { personName: string; organisationName: string; categoryLabel: string; description: string }[];
  quorum: { quorate: boolean; votingPresent: number; required: number; shortfalls: string[] } | null;
  decisions: { id: string; text: string; kindLabel: string; takenWhileInquorate: boolean }[];
  actions: { id: string; description: string; ownerName: string; dueOn: string | null; statusLabel: string }[];
  minutes: { publicSummary: string | null; outcome: string | null; discussion: string | null } | null;
}

/** The decision trail around a meeting, from the attendance, interests, decisions, actions and minutes modules. */
export interface MeetingTrail {
  perItem: Map<string, ItemExtras>;
  /** Undefined when the attendance module is not available; null when the body has no terms of reference in force. */
  quorum: { quorate: boolean; votingPresent: number; required: number; shortfalls: string[] } | null | undefined;
  mattersArising: { id: string; description: string; ownerName: string; dueOn: string | null; statusLabel: string; overdue: boolean }[] | undefined;
  /** True when there are more matters arising than are listed: the page links to the body's action log. */
  mattersArisingMore?: boolean;
  /** Whether the attendance and minutes pages would show this viewer anything (they answer 404 otherwise). */
  attendanceVisible: boolean;
  minutesVisible: boolean;
  /** Whether the viewer sees interest flags (insiders only). */
  showFlags: boolean;
}

export function MeetingPage(props: {
  ctx: ViewContext;
  meeting: MeetingView;
  items: AgendaItem[];
  agendaVisible: boolean;
  overrunMinutes: number;
  trail: MeetingTrail;
  canManage: boolean;
  history: HistoryEntry[] | null;
  /** The board pack downloads this viewer may have (board-packs module). */
  packs?: { pageUrl: string; public: { href: string } | null; full: { href: string } | null } | null;
}) {
  const { ctx, meeting: m, items, trail, canManage } = props;
  const title = meetingName(m);
  const beforeHeld = m.status === "planned" || m.status === "agenda_published" || m.status === "postponed";
  const hasPart2 = items.some((i) => i.confidentiality === "part_2");
  return (
    <Layout ctx={ctx} title={title} beforeContent={<BackLink href={`/bodies/${m.body.id}/meetings`}>Meetings of {m.body.name}</BackLink>}>
      <span className="nhsuk-caption-l">{m.body.name}</span>
      <h1>
        {title} <MeetingStatusTag status={m.status} />
      </h1>
      {m.status === "cancelled" || m.status === "postponed" ? (
        <WarningCallout heading={m.status === "cancelled" ? "This meeting is cancelled" : "This meeting is postponed"}>
          <p>{m.statusReason}</p>
        </WarningCallout>
      ) : null}
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Date</SummaryList.Key>
          <SummaryList.Value>{formatLondonDate(m.startsAt)}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Time</SummaryList.Key>
          <SummaryList.Value>{timeRange(m)} (UK time)</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Venue</SummaryList.Key>
          <SummaryList.Value>{m.venue ?? (m.onlineUrl ? "Online only" : "To be confirmed")}</SummaryList.Value>
        </SummaryList.Row>
        {m.onlineUrl ? (
          <SummaryList.Row>
            <SummaryList.Key>Online</SummaryList.Key>
            <SummaryList.Value>
              <a href={m.onlineUrl} rel="noopener noreferrer">
                Join online<span className="nhsuk-u-visually-hidden"> ({title})</span>
              </a>
            </SummaryList.Value>
          </SummaryList.Row>
        ) : null}
        <SummaryList.Row>
          <SummaryList.Key>Sessions</SummaryList.Key>
          <SummaryList.Value>{sessionsOf(m)}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Agenda</SummaryList.Key>
          <SummaryList.Value>
            {m.agendaPublishedAt ? `Published ${formatLondonDate(m.agendaPublishedAt)} at ${formatLondonTime(m.agendaPublishedAt)}` : "Not published yet"}
          </SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>

      {canManage ? (
        <div className="nhsuk-button-group">
          {m.status !== "cancelled" ? (
            <ButtonLink href={`/meetings/${m.id}/edit`} secondary>
              Edit details
            </ButtonLink>
          ) : null}
          {m.status === "planned" ? (
            <form method="post" action={`/meetings/${m.id}/publish-agenda`} className="app-inline-form">
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="version" value={m.version} />
              <Button>Publish the agenda</Button>
            </form>
          ) : null}
          {m.status === "planned" || m.status === "agenda_published" ? (
            <form method="post" action={`/meetings/${m.id}/held`} className="app-inline-form">
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="version" value={m.version} />
              <Button secondary>Mark as held</Button>
            </form>
          ) : null}
          {beforeHeld ? (
            <>
              <ButtonLink href={`/meetings/${m.id}/postpone`} secondary>
                Postpone
              </ButtonLink>
              <ButtonLink href={`/meetings/${m.id}/cancel`} secondary>
                Cancel the meeting
              </ButtonLink>
            </>
          ) : null}
        </div>
      ) : null}

      {trail.attendanceVisible || trail.minutesVisible || trail.showFlags ? (
        <section aria-labelledby="record-heading">
          <h2 id="record-heading">{trail.attendanceVisible ? "Attendance and quorum" : "The record"}</h2>
          {trail.quorum === undefined ? null : trail.quorum === null ? (
            <p>{m.body.name} has no ratified terms of reference in force on this date, so quorum is not assessed.</p>
          ) : (
            <QuorumSummary quorum={trail.quorum} />
          )}
          <ul className="nhsuk-list">
            {trail.attendanceVisible ? (
              <li>
                <a href={`/meetings/${m.id}/attendance`}>Attendance</a>
              </li>
            ) : null}
            {trail.showFlags ? (
              <li>
                <a href={`/meetings/${m.id}/declarations`}>Declarations of interest</a>
              </li>
            ) : null}
            {trail.minutesVisible ? (
              <li>
                <a href={`/meetings/${m.id}/minutes`}>Minutes</a>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">Agenda</h2>
        {!props.agendaVisible ? (
          <p>The agenda has not been published yet.</p>
        ) : items.length === 0 ? (
          <p>No items have been added to the agenda yet.</p>
        ) : (
          <>
            {canManage && props.overrunMinutes > 0 ? (
              <WarningCallout heading="The agenda runs over">
                <p>
                  The items take {props.overrunMinutes} minute{props.overrunMinutes === 1 ? "" : "s"} longer than the meeting, which is due to end at{" "}
                  {formatLondonTime(m.endsAt)}. Shorten some items or move them to another meeting.
                </p>
              </WarningCallout>
            ) : null}
            {canManage && hasPart2 && !m.hasPrivateSession ? (
              <WarningCallout heading="Part II items, but no private session">
                <p>This agenda has Part II (confidential) items. Edit the meeting's details to add a private session.</p>
              </WarningCallout>
            ) : null}
            <ol className="nhsuk-list app-agenda">
              {items.map((item, index) => (
                <AgendaEntry
                  key={item.id}
                  ctx={ctx}
                  meeting={m}
                  item={item}
                  extras={trail.perItem.get(item.id)}
                  canManage={canManage}
                  canRemove={beforeHeld}
                  first={index === 0 || items.slice(0, index).every((other) => other.parentItemId !== item.parentItemId)}
                  last={items.slice(index + 1).every((other) => other.parentItemId !== item.parentItemId)}
                  showFlags={trail.showFlags}
                />
              ))}
            </ol>
          </>
        )}
        {props.packs ? (
          <ul className="nhsuk-list">
            {[props.packs.public, props.packs.full].map((pack, i) =>
              pack ? (
                <li key={pack.href}>
                  <a href={pack.href}>Download the {i === 0 ? "board pack" : "full board pack, including Part II"} (PDF)</a>
                </li>
              ) : null,
            )}
            <li>
              <a href={props.packs.pageUrl}>View the board pack as a web page</a>
            </li>
          </ul>
        ) : null}
        {canManage && m.status !== "cancelled" ? (
          <div className="nhsuk-button-group">
            <ButtonLink href={`/meetings/${m.id}/items/new`} secondary>
              Add an item
            </ButtonLink>
            <form method="post" action={`/meetings/${m.id}/standard-items`} className="app-inline-form">
              <CsrfField token={ctx.csrfToken} />
              <Button secondary>Add standard opening items</Button>
            </form>
          </div>
        ) : null}
      </section>

      {trail.mattersArising !== undefined ? (
        <section aria-labelledby="matters-arising-heading">
          <h2 id="matters-arising-heading">Matters arising</h2>
          {trail.mattersArising.length === 0 ? (
            <p>No actions of {m.body.name} from earlier meetings are still open.</p>
          ) : (
            <Table responsive caption="Open actions from earlier meetings" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
              <Table.Head>
                <Table.Row>
                  <Table.Cell>Action</Table.Cell>
                  <Table.Cell>Owner</Table.Cell>
                  <Table.Cell>Due</Table.Cell>
                  <Table.Cell>Status</Table.Cell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {trail.mattersArising.map((a) => (
                  <Table.Row key={a.id}>
                    <Table.Cell>
                      <a href={`/actions/${a.id}`}>{a.description}</a>
                    </Table.Cell>
                    <Table.Cell>{a.ownerName}</Table.Cell>
                    <Table.Cell>{a.dueOn ? formatDate(a.dueOn) : "No date"}</Table.Cell>
                    <Table.Cell>
                      {a.statusLabel} {a.overdue ? <Tag color="red">Overdue</Tag> : null}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
          {trail.mattersArisingMore ? (
            <p>
              These are the {trail.mattersArising.length} soonest due.{" "}
              <a href={`/actions?bodyId=${m.bodyId}&status=outstanding`}>See all open actions of {m.body.name} in the action log</a>
            </p>
          ) : null}
        </section>
      ) : null}

      {props.history ? <HistorySection entries={props.history} labels={FIELD_LABELS} /> : null}
    </Layout>
  );
}

function QuorumSummary({ quorum }: { quorum: NonNullable<MeetingTrail["quorum"]> }) {
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>
        {quorum.quorate ? <Tag color="green">Quorate</Tag> : <Tag color="red">Not quorate</Tag>} {quorum.votingPresent} voting member
        {quorum.votingPresent === 1 ? "" : "s"} present; {quorum.required} needed.
      </p>
      {quorum.shortfalls.length > 0 ? (
        <ul>
          {quorum.shortfalls.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function MoveButtons({ ctx, action, label, first, last }: { ctx: ViewContext; action: string; label: string; first: boolean; last: boolean }) {
  return (
    <>
      {!first ? (
        <form method="post" action={action} className="app-inline-form">
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="direction" value="up" />
          <button type="submit" className="app-button-link">
            Move up<span className="nhsuk-u-visually-hidden"> {label}</span>
          </button>
        </form>
      ) : null}{" "}
      {!last ? (
        <form method="post" action={action} className="app-inline-form">
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="direction" value="down" />
          <button type="submit" className="app-button-link">
            Move down<span className="nhsuk-u-visually-hidden"> {label}</span>
          </button>
        </form>
      ) : null}
    </>
  );
}

function itemMeta(item: AgendaItem): string {
  return [
    formatLondonTime(item.startTime),
    item.durationMinutes !== null ? `${item.durationMinutes} minutes` : null,
    AGENDA_ITEM_KIND_LABELS[item.kind],
    item.purpose ? AGENDA_ITEM_PURPOSE_LABELS[item.purpose] : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

function Presenters({ item }: { item: AgendaItem }) {
  if (item.presenters.length === 0) return null;
  return (
    <p className="nhsuk-u-margin-bottom-2">
      Presented by{" "}
      {item.presenters.map((p, i) => (
        <span key={p.personId}>
          {i > 0 ? (i === item.presenters.length - 1 ? " and " : ", ") : ""}
          <a href={`/people/${p.personId}`}>{p.name}</a>
          {p.roleLabel ? `, ${p.roleLabel}` : ""}
        </span>
      ))}
    </p>
  );
}

function AgendaEntry(props: {
  ctx: ViewContext;
  meeting: MeetingView;
  item: AgendaItem;
  extras: ItemExtras | undefined;
  canManage: boolean;
  canRemove: boolean;
  first: boolean;
  last: boolean;
  showFlags: boolean;
}) {
  const { ctx, meeting: m, item, extras } = props;
  const href = `/meetings/${m.id}/items/${item.id}`;
  const Heading = item.depth === 0 ? "h3" : "h4";
  return (
    <li className={`app-agenda__item${item.depth > 0 ? " app-agenda__item--sub" : ""}`} id={`item-${item.id}`}>
      <Heading className="nhsuk-u-margin-bottom-1">
        <span className="app-agenda__number">{item.number}</span> <a href={href}>{item.title}</a> {item.confidentiality === "part_2" ? <Part2Tag /> : null}
      </Heading>
      <p className="app-tree__meta nhsuk-u-margin-bottom-2">
        {itemMeta(item)}
        {props.canManage && item.overruns ? (
          <>
            {" "}
            <Tag color="orange">Runs past the end</Tag>
          </>
        ) : null}
      </p>
      {item.confidentiality === "part_2" && item.exemptionReason ? (
        <p className="nhsuk-u-margin-bottom-2">Exempt from publication: {item.exemptionReason}</p>
      ) : null}
      <Presenters item={item} />
      {extras ? <ItemExtrasBlock extras={extras} showFlags={props.showFlags} /> : null}
      {props.canManage ? (
        <p>
          <MoveButtons ctx={ctx} action={`${href}/move`} label={`item ${item.number}`} first={props.first} last={props.last} />{" "}
          <a href={`${href}/edit`}>
            Edit<span className="nhsuk-u-visually-hidden"> item {item.number}</span>
          </a>
          {props.canRemove ? (
            <>
              {" "}
              <a href={`${href}/remove`}>
                Remove<span className="nhsuk-u-visually-hidden"> item {item.number}</span>
              </a>
            </>
          ) : null}{" "}
          <a href={`/meetings/${m.id}/items/${item.id}/papers/new`}>
            Add a paper<span className="nhsuk-u-visually-hidden"> to item {item.number}</span>
          </a>
        </p>
      ) : null}
    </li>
  );
}

function ItemExtrasBlock({ extras, showFlags }: { extras: ItemExtras; showFlags: boolean }) {
  return (
    <>
      {extras.papers.length > 0 ? (
        <ul className="nhsuk-list nhsuk-u-margin-bottom-2">
          {extras.papers.map((p) => (
            <li key={p.id}>
              <a href={p.downloadUrl}>
                {p.title} ({p.format.toUpperCase()}, {formatSize(p.sizeBytes)})
              </a>
              {p.versionNumber > 1 ? ` version ${p.versionNumber}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      {showFlags && extras.flags.length > 0 ? (
        <div className="nhsuk-inset-text nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-2">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Possible conflicts of interest:</p>
          <ul>
            {extras.flags.map((f, i) => (
              <li key={i}>
                {f.personName}: {f.categoryLabel.toLowerCase()} interest in {f.organisationName} ({f.description})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {extras.quorum && !extras.quorum.quorate ? (
        <p>
          <Tag color="red">Not quorate for this item</Tag>
        </p>
      ) : null}
      {extras.minutes ? (
        <div>
          {extras.minutes.discussion ? (
            <Paragraphs text={extras.minutes.discussion} />
          ) : extras.minutes.publicSummary ? (
            <Paragraphs text={extras.minutes.publicSummary} />
          ) : null}
          {extras.minutes.outcome ? <p>Outcome: {extras.minutes.outcome}</p> : null}
        </div>
      ) : null}
      {extras.decisions.length > 0 ? (
        <ul className="nhsuk-list nhsuk-u-margin-bottom-2">
          {extras.decisions.map((d) => (
            <li key={d.id}>
              <strong>Decision ({d.kindLabel.toLowerCase()}):</strong> <a href={`/decisions/${d.id}`}>{d.text}</a>
              {d.takenWhileInquorate ? (
                <>
                  {" "}
                  <Tag color="red">Taken while inquorate</Tag>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {extras.actions.length > 0 ? (
        <ul className="nhsuk-list nhsuk-u-margin-bottom-2">
          {extras.actions.map((a) => (
            <li key={a.id}>
              <strong>Action:</strong> <a href={`/actions/${a.id}`}>{a.description}</a> – {a.ownerName}
              {a.dueOn ? `, by ${formatDate(a.dueOn)}` : ""} ({a.statusLabel.toLowerCase()})
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Meeting forms

function DateField({
  name,
  legend,
  hint,
  values,
  errors,
}: {
  name: string;
  legend: string;
  hint?: string;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  return (
    <DateInput
      id={name}
      name={name}
      legend={legend}
      legendProps={{ size: "s" }}
      hint={hint ?? "For example, 5 3 2018"}
      error={errors[name]}
      defaultValue={{ day: values[`${name}-day`] ?? "", month: values[`${name}-month`] ?? "", year: values[`${name}-year`] ?? "" }}
    >
      <DateInput.Day />
      <DateInput.Month />
      <DateInput.Year />
    </DateInput>
  );
}

function TimeFields({ values, errors, prefix = "" }: { values: Record<string, string>; errors: FieldErrors; prefix?: string }) {
  return (
    <>
      <TextInput
        label={`${prefix}Start time`}
        hint="UK time, for example 10:00 or 14:30"
        id="startTime"
        name="startTime"
        defaultValue={values.startTime ?? ""}
        error={errors.startTime}
        width={5}
      />
      <TextInput
        label={`${prefix}End time`}
        hint="For example 12:00"
        id="endTime"
        name="endTime"
        defaultValue={values.endTime ?? ""}
        error={errors.endTime}
        width={5}
      />
    </>
  );
}

function SessionsField({ values, errors }: { values: Record<string, string>; errors: FieldErrors }) {
  const chosen = (values.sessions ?? "").split("\n");
  return (
    <Checkboxes id="sessions" name="sessions" legend="Sessions" legendProps={{ size: "s" }} hint="Select all that apply" error={errors.sessions}>
      <Checkboxes.Item value="public" defaultChecked={chosen.includes("public")}>
        A public session (Part I)
      </Checkboxes.Item>
      <Checkboxes.Item value="private" defaultChecked={chosen.includes("private")}>
        A private session (Part II, confidential items)
      </Checkboxes.Item>
    </Checkboxes>
  );
}

/** The form to schedule or edit a meeting. */
export function MeetingFormPage(props: {
  ctx: ViewContext;
  mode: "new" | "edit";
  meeting?: MeetingView;
  values: Record<string, string>;
  errors: FieldErrors;
  bodies: { id: string; name: string }[];
  conflict?: MeetingRow | undefined;
}) {
  const { ctx, values, errors, meeting } = props;
  const title = props.mode === "new" ? "Schedule a meeting" : `Edit ${meeting ? meetingName(meeting) : "meeting"}`;
  const action = props.mode === "new" ? "/meetings" : `/meetings/${meeting?.id}`;
  return (
    <Layout
      ctx={ctx}
      title={formTitle(title, errors)}
      beforeContent={<BackLink href={meeting ? `/meetings/${meeting.id}` : "/meetings"}>{meeting ? "Back to the meeting" : "Meetings"}</BackLink>}
    >
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, MEETING_FORM_FIELD_IDS)} />
      <h1>{title}</h1>
      {props.conflict ? (
        <WarningCallout heading="Someone else changed this meeting first">
          <p>
            Their version is on {formatLondonDate(props.conflict.startsAt)}, {timeRange(props.conflict)}
            {props.conflict.venue ? ` at ${props.conflict.venue}` : ""}. Your changes are below and have not been saved. Save again to replace their version
            with yours.
          </p>
        </WarningCallout>
      ) : null}
      <form method="post" action={action} noValidate>
        <CsrfField token={ctx.csrfToken} />
        {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
        {props.mode === "new" ? (
          <Select label="Body" id="bodyId" name="bodyId" defaultValue={values.bodyId ?? ""} error={errors.bodyId}>
            <Select.Option value="">Select the body that is meeting</Select.Option>
            {props.bodies.map((b) => (
              <Select.Option key={b.id} value={b.id}>
                {b.name}
              </Select.Option>
            ))}
          </Select>
        ) : (
          <input type="hidden" name="bodyId" value={values.bodyId ?? ""} />
        )}
        <TextInput
          label="Title (optional)"
          hint="For example, “Programme Board – extraordinary meeting”. Without a title the body and date name the meeting."
          id="title"
          name="title"
          defaultValue={values.title ?? ""}
          error={errors.title}
        />
        <DateField name="date" legend="Date" values={values} errors={errors} />
        <TimeFields values={values} errors={errors} />
        <TextInput
          label="Venue (optional)"
          hint="Where members meet in person"
          id="venue"
          name="venue"
          defaultValue={values.venue ?? ""}
          error={errors.venue}
        />
        <TextInput
          label="Online link (optional)"
          hint="A web address that starts with https://"
          id="onlineUrl"
          name="onlineUrl"
          defaultValue={values.onlineUrl ?? ""}
          error={errors.onlineUrl}
          spellCheck={false}
        />
        <SessionsField values={values} errors={errors} />
        <Button>{props.mode === "new" ? "Schedule the meeting" : "Save changes"}</Button>
      </form>
    </Layout>
  );
}

/** The form values for an existing meeting. */
export function meetingFormValues(m: MeetingRow): Record<string, string> {
  const start = toLondon(m.startsAt);
  const [year, month, day] = start.date.split("-");
  return {
    bodyId: m.bodyId,
    title: m.title ?? "",
    "date-day": String(Number(day)),
    "date-month": String(Number(month)),
    "date-year": year ?? "",
    startTime: start.time,
    endTime: toLondon(m.endsAt).time,
    venue: m.venue ?? "",
    onlineUrl: m.onlineUrl ?? "",
    sessions: [m.hasPublicSession ? "public" : "", m.hasPrivateSession ? "private" : ""].filter(Boolean).join("\n"),
    version: String(m.version),
  };
}

/** Cancelling or postponing: a reason is required; postponing may also give the new date. */
export function StatusChangePage(props: {
  ctx: ViewContext;
  meeting: MeetingView;
  kind: "cancel" | "postpone";
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const { ctx, meeting: m, kind, values, errors } = props;
  const title = kind === "cancel" ? `Cancel ${meetingName(m)}` : `Postpone ${meetingName(m)}`;
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={`/meetings/${m.id}`}>Back to the meeting</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, { date: "date-day", _form: "reason" })} />
      <h1>{title}</h1>
      <p>
        {formatLondonDate(m.startsAt)}, {timeRange(m)}
      </p>
      <form method="post" action={`/meetings/${m.id}/${kind}`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? String(m.version)} />
        <Textarea
          label={kind === "cancel" ? "Why is the meeting cancelled?" : "Why is the meeting postponed?"}
          hint="This is published with the meeting"
          id="reason"
          name="reason"
          defaultValue={values.reason ?? ""}
          error={errors.reason}
          rows={3}
        />
        {kind === "postpone" ? (
          <Fieldset>
            <Fieldset.Legend size="m">New date and time (optional)</Fieldset.Legend>
            <p className="nhsuk-hint">Leave these blank if the new date is not known yet.</p>
            <DateField name="date" legend="New date" values={values} errors={errors} />
            <TimeFields values={values} errors={errors} prefix="New " />
          </Fieldset>
        ) : null}
        <Button warning={kind === "cancel"}>{kind === "cancel" ? "Cancel the meeting" : "Postpone the meeting"}</Button>
      </form>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Agenda items

/** People, bodies and organisations offered on the item form. */
export interface ItemFormChoices {
  people: { id: string; name: string; jobTitle: string | null; organisationName: string | null }[];
  bodies: { id: string; name: string }[];
  organisations: { id: string; name: string }[];
}

/** The form to add or edit an agenda item. */
export function ItemFormPage(props: {
  ctx: ViewContext;
  meeting: MeetingView;
  mode: "new" | "edit";
  itemId?: string;
  values: Record<string, string>;
  errors: FieldErrors;
  choices: ItemFormChoices;
  /** Top-level items that may take this one as a sub-item. */
  parents: { id: string; number: string; title: string }[];
  conflict?: boolean;
}) {
  const { ctx, meeting: m, values, errors, choices } = props;
  const title = props.mode === "new" ? "Add an agenda item" : `Edit ${values.title || "agenda item"}`;
  const action = props.mode === "new" ? `/meetings/${m.id}/items` : `/meetings/${m.id}/items/${props.itemId}`;
  const chosen = (name: string) => (values[name] ?? "").split("\n").filter(Boolean);
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={`/meetings/${m.id}`}>Back to the meeting</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, { _form: "title", bodyIds: "bodyIds", organisationIds: "organisationIds" })} />
      <span className="nhsuk-caption-l">{meetingName(m)}</span>
      <h1>{title}</h1>
      {props.conflict ? (
        <WarningCallout heading="Someone else changed this item first">
          <p>Your changes are below and have not been saved. Save again to replace their version with yours.</p>
        </WarningCallout>
      ) : null}
      <form method="post" action={action} noValidate>
        <CsrfField token={ctx.csrfToken} />
        {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
        <TextInput label="Title" id="title" name="title" defaultValue={values.title ?? ""} error={errors.title} />
        <Select label="Kind of item" id="kind" name="kind" defaultValue={values.kind ?? ""} error={errors.kind}>
          <Select.Option value="">Select the kind of item</Select.Option>
          {AGENDA_ITEM_KINDS.map((k) => (
            <Select.Option key={k} value={k}>
              {AGENDA_ITEM_KIND_LABELS[k]}
            </Select.Option>
          ))}
        </Select>
        <Select label="Purpose (optional)" id="purpose" name="purpose" defaultValue={values.purpose ?? ""} error={errors.purpose}>
          <Select.Option value="">No purpose stated</Select.Option>
          {AGENDA_ITEM_PURPOSES.map((k) => (
            <Select.Option key={k} value={k}>
              {AGENDA_ITEM_PURPOSE_LABELS[k]}
            </Select.Option>
          ))}
        </Select>
        <Select
          label="Sub-item of (optional)"
          hint="Sub-items are numbered under their item, like 2.1"
          id="parentItemId"
          name="parentItemId"
          defaultValue={values.parentItemId ?? ""}
          error={errors.parentItemId}
        >
          <Select.Option value="">None: a main item</Select.Option>
          {props.parents.map((p) => (
            <Select.Option key={p.id} value={p.id}>
              {p.number}. {p.title}
            </Select.Option>
          ))}
        </Select>
        <TextInput
          label="Time allowed in minutes (optional)"
          hint="Start times run on from the meeting's start"
          id="durationMinutes"
          name="durationMinutes"
          inputMode="numeric"
          defaultValue={values.durationMinutes ?? ""}
          error={errors.durationMinutes}
          width={4}
        />
        <Fieldset>
          <Fieldset.Legend size="m">Presenters (optional)</Fieldset.Legend>
          {errors.presenters ? (
            <span className="nhsuk-error-message" id="presenters-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {errors.presenters}
            </span>
          ) : null}
          {Array.from({ length: PRESENTER_FORM_ROWS }, (_, i) => (
            <div key={i} className="nhsuk-u-margin-bottom-4">
              <Select
                label={`Presenter ${i + 1}`}
                id={`presenter-${i}-personId`}
                name={`presenter-${i}-personId`}
                defaultValue={values[`presenter-${i}-personId`] ?? ""}
                error={errors[`presenters.${i}.personId`]}
              >
                <Select.Option value="">No one</Select.Option>
                {choices.people.map((p) => (
                  <Select.Option key={p.id} value={p.id}>
                    {p.name}
                    {p.jobTitle ? `, ${p.jobTitle}` : ""}
                    {p.organisationName ? ` (${p.organisationName})` : ""}
                  </Select.Option>
                ))}
              </Select>
              <TextInput
                label={`Presenter ${i + 1}: role (optional)`}
                hint="As the agenda should name them, for example “STP Programme Director”"
                id={`presenter-${i}-roleLabel`}
                name={`presenter-${i}-roleLabel`}
                defaultValue={values[`presenter-${i}-roleLabel`] ?? ""}
                error={errors[`presenters.${i}.roleLabel`]}
              />
            </div>
          ))}
        </Fieldset>
        <Radios id="confidentiality" name="confidentiality" legend="Part" legendProps={{ size: "m" }} error={errors.confidentiality}>
          <Radios.Item value="part_1" defaultChecked={(values.confidentiality ?? "part_1") === "part_1"}>
            Part I: public
          </Radios.Item>
          <Radios.Item value="part_2" defaultChecked={values.confidentiality === "part_2"}>
            Part II: confidential, taken in private
          </Radios.Item>
        </Radios>
        <Textarea
          label="Why is a Part II item exempt from publication?"
          hint="Required for Part II, for example “commercially sensitive: contract negotiation in progress”"
          id="exemptionReason"
          name="exemptionReason"
          defaultValue={values.exemptionReason ?? ""}
          error={errors.exemptionReason}
          rows={2}
        />
        <Textarea
          label="Recommendation (optional)"
          hint="What the paper asks the body to do, for example “The Board is asked to approve the plans”"
          id="recommendation"
          name="recommendation"
          defaultValue={values.recommendation ?? ""}
          error={errors.recommendation}
          rows={3}
        />
        <Checkboxes id="bodyIds" name="bodyIds" legend="Bodies the item concerns (optional)" legendProps={{ size: "s" }} error={errors.bodyIds}>
          {choices.bodies.map((b) => (
            <Checkboxes.Item key={b.id} value={b.id} defaultChecked={chosen("bodyIds").includes(b.id)}>
              {b.name}
            </Checkboxes.Item>
          ))}
        </Checkboxes>
        <Checkboxes
          id="organisationIds"
          name="organisationIds"
          legend="Organisations the item concerns (optional)"
          legendProps={{ size: "s" }}
          hint="Members with a registered interest in one of these are flagged before the meeting"
          error={errors.organisationIds}
        >
          {choices.organisations.map((o) => (
            <Checkboxes.Item key={o.id} value={o.id} defaultChecked={chosen("organisationIds").includes(o.id)}>
              {o.name}
            </Checkboxes.Item>
          ))}
        </Checkboxes>
        <Button>{props.mode === "new" ? "Add the item" : "Save changes"}</Button>
      </form>
    </Layout>
  );
}

/** The form values for an existing item. */
export function itemFormValues(item: AgendaItem): Record<string, string> {
  const values: Record<string, string> = {
    title: item.title,
    kind: item.kind,
    purpose: item.purpose ?? "",
    parentItemId: item.parentItemId ?? "",
    durationMinutes: item.durationMinutes === null ? "" : String(item.durationMinutes),
    confidentiality: item.confidentiality,
    exemptionReason: item.exemptionReason ?? "",
    recommendation: item.recommendation ?? "",
    bodyIds: item.bodyIds.join("\n"),
    organisationIds: item.organisationIds.join("\n"),
    version: String(item.version),
  };
  item.presenters.forEach((p, i) => {
    values[`presenter-${i}-personId`] = p.personId;
    values[`presenter-${i}-roleLabel`] = p.roleLabel ?? "";
  });
  return values;
}

/** An agenda item's own page. */
export function ItemPage(props: {
  ctx: ViewContext;
  meeting: MeetingView;
  item: AgendaItem;
  names: { bodies: Map<string, string>; organisations: Map<string, string> };
  extras: ItemExtras | undefined;
  showFlags: boolean;
  canManage: boolean;
  canRemove: boolean;
  history: HistoryEntry[] | null;
  /** The workstreams the item concerns that the viewer may see (workstreams module). */
  workstreams?: readonly { slug: string; name: string }[];
  /** A deep-dive item's generated section (portfolio module), as of the meeting date. */
  deepDive?: DeepDive | null;
}) {
  const { ctx, meeting: m, item } = props;
  const href = `/meetings/${m.id}/items/${item.id}`;
  return (
    <Layout ctx={ctx} title={`${item.number}. ${item.title}`} beforeContent={<BackLink href={`/meetings/${m.id}#item-${item.id}`}>{meetingName(m)}</BackLink>}>
      <span className="nhsuk-caption-l">
        {meetingName(m)}, item {item.number}
      </span>
      <h1>
        {item.title} {item.confidentiality === "part_2" ? <Part2Tag /> : null}
      </h1>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Time</SummaryList.Key>
          <SummaryList.Value>
            {formatLondonTime(item.startTime)}
            {item.durationMinutes !== null ? ` for ${item.durationMinutes} minutes` : ""}
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Kind</SummaryList.Key>
          <SummaryList.Value>{AGENDA_ITEM_KIND_LABELS[item.kind]}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Purpose</SummaryList.Key>
          <SummaryList.Value>{item.purpose ? AGENDA_ITEM_PURPOSE_LABELS[item.purpose] : "Not stated"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Presenters</SummaryList.Key>
          <SummaryList.Value>
            {item.presenters.length === 0 ? (
              "None named"
            ) : (
              <ul className="nhsuk-list">
                {item.presenters.map((p) => (
                  <li key={p.personId}>
                    <a href={`/people/${p.personId}`}>{p.name}</a>
                    {p.roleLabel ? `, ${p.roleLabel}` : ""}
                  </li>
                ))}
              </ul>
            )}
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Part</SummaryList.Key>
          <SummaryList.Value>
            {item.confidentiality === "part_2" ? `Part II (confidential). Exempt from publication: ${item.exemptionReason ?? ""}` : "Part I (public)"}
          </SummaryList.Value>
        </SummaryList.Row>
        {props.workstreams && props.workstreams.length > 0 ? (
          <SummaryList.Row>
            <SummaryList.Key>Workstreams</SummaryList.Key>
            <SummaryList.Value>
              {props.workstreams.map((w, i) => (
                <span key={w.slug}>
                  {i > 0 ? ", " : ""}
                  <a href={`/workstreams/${w.slug}`}>{w.name}</a>
                </span>
              ))}
            </SummaryList.Value>
          </SummaryList.Row>
        ) : null}
        <SummaryList.Row>
          <SummaryList.Key>Concerns</SummaryList.Key>
          <SummaryList.Value>
            {item.bodyIds.length + item.organisationIds.length === 0 ? (
              "Not recorded"
            ) : (
              <ul className="nhsuk-list">
                {item.bodyIds.map((id) => (
                  <li key={id}>
                    <a href={`/bodies/${id}`}>{props.names.bodies.get(id) ?? "A body"}</a>
                  </li>
                ))}
                {item.organisationIds.map((id) => (
                  <li key={id}>
                    <a href={`/organisations/${id}`}>{props.names.organisations.get(id) ?? "An organisation"}</a>
                  </li>
                ))}
              </ul>
            )}
          </SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
      {item.recommendation ? (
        <section aria-labelledby="recommendation-heading">
          <h2 id="recommendation-heading">Recommendation</h2>
          <Paragraphs text={item.recommendation} />
        </section>
      ) : null}
      {props.deepDive ? <DeepDiveSection deepDive={props.deepDive} /> : null}
      {props.canManage ? (
        <div className="nhsuk-button-group">
          <ButtonLink href={`${href}/edit`} secondary>
            Edit the item
          </ButtonLink>
          {props.canRemove ? (
            <ButtonLink href={`${href}/remove`} secondary>
              Remove the item
            </ButtonLink>
          ) : null}
        </div>
      ) : null}
      <section aria-labelledby="record-heading">
        <h2 id="record-heading">Papers and record</h2>
        {props.extras ? <ItemExtrasBlock extras={props.extras} showFlags={props.showFlags} /> : null}
        {props.extras && props.extras.papers.length === 0 ? <p>No papers have been published for this item.</p> : null}
      </section>
      {props.history ? <HistorySection entries={props.history} labels={FIELD_LABELS} /> : null}
    </Layout>
  );
}

/** Confirming the removal of an item. */
export function RemoveItemPage(props: { ctx: ViewContext; meeting: MeetingView; item: AgendaItem; subItems: number; error?: string }) {
  const { ctx, meeting: m, item } = props;
  const title = `Remove item ${item.number}?`;
  return (
    <Layout ctx={ctx} title={props.error ? `Error: ${title}` : title} beforeContent={<BackLink href={`/meetings/${m.id}`}>Back to the meeting</BackLink>}>
      {props.error ? <FormErrorSummary errors={{ _form: props.error }} fieldIds={{ _form: "remove" }} /> : null}
      <span className="nhsuk-caption-l">{meetingName(m)}</span>
      <h1>{title}</h1>
      <p>
        “{item.title}” will be removed from the agenda
        {props.subItems > 0 ? `, with its ${props.subItems} sub-item${props.subItems === 1 ? "" : "s"}` : ""}. The items after it are renumbered.
      </p>
      <form method="post" action={`/meetings/${m.id}/items/${item.id}/remove`}>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={item.version} />
        <Button warning id="remove">
          Remove the item
        </Button>
      </form>
      <p>
        <a href={`/meetings/${m.id}`}>Keep it</a>
      </p>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// A body's standard opening items and generating a year of meetings

export function TemplatePage(props: {
  ctx: ViewContext;
  body: { id: string; name: string };
  rows: AgendaTemplateItemRow[];
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const { ctx, body, rows, values, errors } = props;
  const title = `Standard opening items of ${body.name}`;
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={`/bodies/${body.id}/meetings`}>Meetings of {body.name}</BackLink>}>
      <FormErrorSummary errors={errors} />
      <h1>{title}</h1>
      <p>“Add standard opening items” on a meeting puts these at the top of its agenda, in this order.</p>
      {rows.length === 0 ? (
        <p>There are no standard opening items yet.</p>
      ) : (
        <Table responsive caption="Standard opening items, in order" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Item</Table.Cell>
              <Table.Cell>Kind</Table.Cell>
              <Table.Cell>Minutes</Table.Cell>
              <Table.Cell>
                <span className="nhsuk-u-visually-hidden">Actions</span>
              </Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((t, i) => (
              <Table.Row key={t.id}>
                <Table.Cell>
                  {i + 1}. {t.title}
                </Table.Cell>
                <Table.Cell>{AGENDA_ITEM_KIND_LABELS[t.kind]}</Table.Cell>
                <Table.Cell>{t.durationMinutes ?? ""}</Table.Cell>
                <Table.Cell>
                  <MoveButtons
                    ctx={ctx}
                    action={`/bodies/${body.id}/meetings/template/${t.id}/move`}
                    label={t.title}
                    first={i === 0}
                    last={i === rows.length - 1}
                  />{" "}
                  <form method="post" action={`/bodies/${body.id}/meetings/template/${t.id}/remove`} className="app-inline-form">
                    <CsrfField token={ctx.csrfToken} />
                    <button type="submit" className="app-button-link">
                      Remove<span className="nhsuk-u-visually-hidden"> {t.title}</span>
                    </button>
                  </form>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <h2>Add a standard item</h2>
      <form method="post" action={`/bodies/${body.id}/meetings/template`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput
          label="Title"
          hint="For example, “Welcome, introductions and apologies”"
          id="title"
          name="title"
          defaultValue={values.title ?? ""}
          error={errors.title}
        />
        <Select label="Kind of item" id="kind" name="kind" defaultValue={values.kind ?? ""} error={errors.kind}>
          <Select.Option value="">Select the kind of item</Select.Option>
          {AGENDA_ITEM_KINDS.map((k) => (
            <Select.Option key={k} value={k}>
              {AGENDA_ITEM_KIND_LABELS[k]}
            </Select.Option>
          ))}
        </Select>
        <TextInput
          label="Time allowed in minutes (optional)"
          id="durationMinutes"
          name="durationMinutes"
          inputMode="numeric"
          defaultValue={values.durationMinutes ?? ""}
          error={errors.durationMinutes}
          width={4}
        />
        <Button secondary>Add the item</Button>
      </form>
    </Layout>
  );
}

/** The generate-a-year form and, once filled in, the preview of what it would create. */
export function GeneratePage(props: {
  ctx: ViewContext;
  body: { id: string; name: string };
  values: Record<string, string>;
  errors: FieldErrors;
  preview: { rule: string; meetings: { date: string; startsAt: Date; endsAt: Date; skipped: boolean }[] } | null;
}) {
  const { ctx, body, values, errors, preview } = props;
  const title = `Generate meetings of ${body.name}`;
  const action = `/bodies/${body.id}/meetings/generate`;
  const creating = preview?.meetings.filter((m) => !m.skipped).length ?? 0;
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={`/bodies/${body.id}/meetings`}>Meetings of {body.name}</BackLink>}>
      <FormErrorSummary errors={errors} />
      <h1>{title}</h1>
      {preview ? (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">Check the meetings</h2>
          <p>{preview.rule}:</p>
          <Table responsive caption="Meetings the rule gives" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
            <Table.Head>
              <Table.Row>
                <Table.Cell>Date</Table.Cell>
                <Table.Cell>Time</Table.Cell>
                <Table.Cell>Result</Table.Cell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {preview.meetings.map((m) => (
                <Table.Row key={m.date}>
                  <Table.Cell>{formatLondonDate(m.startsAt)}</Table.Cell>
                  <Table.Cell>{timeRange(m)}</Table.Cell>
                  <Table.Cell>
                    {m.skipped ? <Tag color="grey">Skipped: already has a meeting that day</Tag> : <Tag color="green">Will be created</Tag>}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          {creating > 0 ? (
            <form method="post" action={action}>
              <CsrfField token={ctx.csrfToken} />
              {Object.entries(values)
                .filter(([k]) => k !== "confirm" && k !== "sessions")
                .map(([k, v]) => (
                  <input key={k} type="hidden" name={k} value={v} />
                ))}
              {(values.sessions ?? "")
                .split("\n")
                .filter(Boolean)
                .map((s) => (
                  <input key={s} type="hidden" name="sessions" value={s} />
                ))}
              <input type="hidden" name="confirm" value="yes" />
              <Button>
                Create {creating} meeting{creating === 1 ? "" : "s"}
              </Button>
            </form>
          ) : (
            <p>There is nothing to create: {body.name} already has a meeting on each of these days.</p>
          )}
          <h2>Change the rule</h2>
        </section>
      ) : null}
      <form method="post" action={action} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <Fieldset>
          <Fieldset.Legend size="m">Which day of each month?</Fieldset.Legend>
          <Select label="Week" id="ordinal" name="ordinal" defaultValue={values.ordinal ?? "first"} error={errors.ordinal}>
            {ORDINALS.map((o) => (
              <Select.Option key={o} value={o}>
                {ORDINAL_LABELS[o]}
              </Select.Option>
            ))}
          </Select>
          <Select label="Day" id="weekday" name="weekday" defaultValue={values.weekday ?? "monday"} error={errors.weekday}>
            {WEEKDAYS.map((w) => (
              <Select.Option key={w} value={w}>
                {WEEKDAY_LABELS[w]}
              </Select.Option>
            ))}
          </Select>
        </Fieldset>
        <TextInput
          label="Start time"
          hint="UK time, for example 10:00"
          id="startTime"
          name="startTime"
          defaultValue={values.startTime ?? ""}
          error={errors.startTime}
          width={5}
        />
        <TextInput
          label="Length in minutes"
          hint="For example, 120 for two hours"
          id="durationMinutes"
          name="durationMinutes"
          inputMode="numeric"
          defaultValue={values.durationMinutes ?? ""}
          error={errors.durationMinutes}
          width={4}
        />
        <TextInput
          label="First month"
          hint="Year and month, for example 2018-01"
          id="fromMonth"
          name="fromMonth"
          defaultValue={values.fromMonth ?? ""}
          error={errors.fromMonth}
          width={10}
        />
        <TextInput label="How many months" id="months" name="months" inputMode="numeric" defaultValue={values.months ?? "12"} error={errors.months} width={2} />
        <TextInput label="Venue (optional)" id="venue" name="venue" defaultValue={values.venue ?? ""} error={errors.venue} />
        <TextInput
          label="Online link (optional)"
          hint="A web address that starts with https://"
          id="onlineUrl"
          name="onlineUrl"
          defaultValue={values.onlineUrl ?? ""}
          error={errors.onlineUrl}
          spellCheck={false}
        />
        <SessionsField values={values} errors={errors} />
        <Button secondary={preview !== null}>Preview the meetings</Button>
      </form>
    </Layout>
  );
}

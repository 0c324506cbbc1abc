import { Button, Fieldset, Radios, Select, Table, Tag, TextInput } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, formTitle } from "../../platform/views/components.tsx";
import type { FieldErrors } from "../../platform/http/errors.ts";
import type { QuorumEvaluation } from "../bodies/quorum.ts";
import type { MembershipView } from "../bodies/bodies.repository.ts";
import { MEMBERSHIP_ROLE_LABELS } from "../bodies/bodies.schema.ts";
import { formatLondonDate } from "../../platform/time.ts";
import type { AttendanceView } from "./attendance.repository.ts";
import { ATTENDANCE_STATUS_LABELS, MEMBER_STATUSES, NOT_RECORDED_VALUE } from "./attendance.schema.ts";
import type { MeetingQuorum } from "./attendance.service.ts";
import type { MeetingItemRef, MeetingRef } from "./meetings-port.ts";
import { BackLink, ConflictCallout } from "../../platform/views/form-fields.tsx";

/** A person to choose in the deputy and in-attendance pickers. */
export interface PersonChoice {
  id: string;
  name: string;
  jobTitle: string | null;
  organisationName: string | null;
}

function personLabel(p: { name: string; jobTitle: string | null; organisationName: string | null }): string {
  const details = [p.jobTitle, p.organisationName].filter(Boolean).join(", ");
  return details ? `${p.name} – ${details}` : p.name;
}

const meetingHref = (id: string) => `/meetings/${id}`;

/** A meeting as headings name it, e.g. "Programme Board, Monday 5 March 2018". */
export function meetingTitle(meeting: Pick<MeetingRef, "title" | "startsAt" | "body">): string {
  return `${meeting.title ?? meeting.body.name}, ${formatLondonDate(meeting.startsAt)}`;
}

function QuorumResultText({ result }: { result: QuorumEvaluation }) {
  return (
    <>
      {result.quorate ? <Tag color="green">Quorate</Tag> : <Tag color="red">Not quorate</Tag>} {result.votingPresent} voting{" "}
      {result.votingPresent === 1 ? "member" : "members"} present; {result.required} needed
      {result.shortfalls.length > 0 ? (
        <ul className="nhsuk-list nhsuk-list--bullet nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
          {result.shortfalls.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/**
 * Whether the meeting was quorate, as the minutes state it: the rule of the terms of reference
 * in force, the result and any shortfall, then each agenda item where someone left it.
 */
export function QuorumStatement(props: {
  quorum: MeetingQuorum;
  rule: { termsOfReference: { versionLabel: string }; description: string } | null;
  bodyName: string;
  date: Date;
  items: readonly MeetingItemRef[];
  headingLevel?: "h2" | "h3";
}) {
  const { quorum, rule, items } = props;
  const Heading = props.headingLevel ?? "h2";
  const overall = quorum.overall;
  const differing = items.filter((i) => {
    const r = quorum.perItem.get(i.id);
    return r && overall && (r.quorate !== overall.quorate || r.votingPresent !== overall.votingPresent);
  });
  return (
    <section aria-labelledby="quorum-heading">
      <Heading id="quorum-heading">Quorum</Heading>
      {!rule || !overall ? (
        <p>
          {props.bodyName} had no ratified terms of reference in force on {formatLondonDate(props.date)}, so there is no quorum rule to assess this meeting
          against.
        </p>
      ) : (
        <>
          <p className="app-quorum__result" data-quorate={overall.quorate ? "yes" : "no"}>
            <QuorumResultText result={overall} />
          </p>
          <p className="nhsuk-body-s">
            The rule (terms of reference version {rule.termsOfReference.versionLabel}): {rule.description}
          </p>
          {differing.length > 0 ? (
            <Table responsive caption="Quorum for items some members left" captionProps={{ size: "s" }}>
              <Table.Head>
                <Table.Row>
                  <Table.Cell>Item</Table.Cell>
                  <Table.Cell>Quorum without those who left</Table.Cell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {differing.map((i) => (
                  <Table.Row key={i.id}>
                    <Table.Cell>
                      {i.number}. {i.title}
                    </Table.Cell>
                    <Table.Cell>
                      <QuorumResultText result={quorum.perItem.get(i.id)!} />
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          ) : null}
        </>
      )}
    </section>
  );
}

const withNote = (r: AttendanceView) => (r.note ? `${r.personName} (${r.note})` : r.personName);

/** The attendance list as minutes print it: present, deputies, in attendance, apologies, absent. */
export function AttendanceList({ records, headingLevel = "h2" }: { records: readonly AttendanceView[]; headingLevel?: "h2" | "h3" }) {
  const Heading = headingLevel;
  const groups: { title: string; rows: string[] }[] = [
    { title: "Present", rows: records.filter((r) => r.status === "present").map(withNote) },
    { title: "Deputies", rows: records.filter((r) => r.status === "deputy").map((r) => `${withNote(r)}, deputy for ${r.deputyForName ?? "a member"}`) },
    { title: "In attendance", rows: records.filter((r) => r.status === "in_attendance").map(withNote) },
    { title: "Apologies", rows: records.filter((r) => r.status === "apologies").map(withNote) },
    { title: "Absent", rows: records.filter((r) => r.status === "absent").map(withNote) },
  ];
  return (
    <section aria-labelledby="attendance-heading">
      <Heading id="attendance-heading">Attendance</Heading>
      {records.length === 0 ? <p>No attendance has been recorded.</p> : null}
      {groups
        .filter((g) => g.rows.length > 0)
        .map((g) => (
          <div key={g.title}>
            <p className="nhsuk-u-margin-bottom-1">
              <strong>{g.title}</strong>
            </p>
            <ul className="nhsuk-list">
              {g.rows.map((row) => (
                <li key={row}>{row}</li>
              ))}
            </ul>
          </div>
        ))}
    </section>
  );
}

/** The attendance page: the body's members with a status each (one form), deputies, others in attendance, and quorum. */
export function AttendancePage(props: {
  ctx: ViewContext;
  meeting: MeetingRef;
  members: readonly MembershipView[];
  records: readonly AttendanceView[];
  quorum: MeetingQuorum;
  rule: { termsOfReference: { versionLabel: string }; description: string } | null;
  items: readonly MeetingItemRef[];
  canRecord: boolean;
  /** Why recording is closed (cancelled meeting, approved minutes), if it is. */
  closedReason: string | null;
  people: readonly PersonChoice[];
  values: Record<string, string>;
  errors: FieldErrors;
  /** Members whose records someone else changed while this form was open. */
  conflictNames?: readonly string[] | undefined;
}) {
  const { ctx, meeting, members, records, values, errors } = props;
  const title = `Attendance: ${meetingTitle(meeting)}`;
  const recordOf = new Map(records.map((r) => [r.personId, r]));
  const memberIds = new Set(members.map((m) => m.personId));
  const deputies = records.filter((r) => r.status === "deputy");
  const others = records.filter((r) => r.status === "in_attendance");
  const unrecordedPeople = props.people.filter((p) => !recordOf.has(p.id) && !memberIds.has(p.id));
  const deputisable = members.filter((m) => recordOf.get(m.personId)?.status !== "present" && !deputies.some((d) => d.deputyForPersonId === m.personId));
  const editable = props.canRecord && props.closedReason === null;
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={meetingHref(meeting.id)}>Back to the meeting</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, members)} />
      <h1>{title}</h1>
      <QuorumStatement quorum={props.quorum} rule={props.rule} bodyName={meeting.body.name} date={meeting.startsAt} items={props.items} />
      {props.conflictNames && props.conflictNames.length > 0 ? (
        <ConflictCallout heading="Someone else recorded attendance first">
          <p>
            The attendance of {props.conflictNames.join(", ")} changed while you were editing. Your choices are below and have not been saved; save again to
            replace theirs.
          </p>
        </ConflictCallout>
      ) : null}
      {props.canRecord && props.closedReason ? <p className="nhsuk-inset-text">{props.closedReason}</p> : null}

      <h2>Members of {meeting.body.name}</h2>
      {members.length === 0 ? (
        <p>{meeting.body.name} had no members on this date.</p>
      ) : editable ? (
        <form method="post" action={`/meetings/${meeting.id}/attendance`} noValidate>
          <CsrfField token={ctx.csrfToken} />
          {members.map((m) => {
            const record = recordOf.get(m.personId);
            const name = `status-${m.personId}`;
            const chosen = values[name] ?? (record && record.status !== "deputy" && record.status !== "in_attendance" ? record.status : NOT_RECORDED_VALUE);
            const version = values[`version-${m.personId}`] ?? String(record?.version ?? 0);
            return (
              <div key={m.id}>
                <input type="hidden" name={`version-${m.personId}`} value={version} />
                <Radios id={name} name={name} legend={m.personName} legendProps={{ size: "s" }} hint={seatDescription(m)} error={errors[name]} inline>
                  {MEMBER_STATUSES.map((s) => (
                    <Radios.Item key={s} value={s} defaultChecked={chosen === s}>
                      {ATTENDANCE_STATUS_LABELS[s]}
                    </Radios.Item>
                  ))}
                  <Radios.Item value={NOT_RECORDED_VALUE} defaultChecked={chosen === NOT_RECORDED_VALUE}>
                    Not recorded
                  </Radios.Item>
                </Radios>
              </div>
            );
          })}
          <Button>Save attendance</Button>
        </form>
      ) : (
        <Table responsive caption={`Members of ${meeting.body.name}`} captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Member</Table.Cell>
              <Table.Cell>Attendance</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {members.map((m) => {
              const record = recordOf.get(m.personId);
              const deputy = deputies.find((d) => d.deputyForPersonId === m.personId);
              return (
                <Table.Row key={m.id}>
                  <Table.Cell>
                    {m.personName}
                    <br />
                    <span className="nhsuk-body-s">{seatDescription(m)}</span>
                  </Table.Cell>
                  <Table.Cell>
                    {record ? ATTENDANCE_STATUS_LABELS[record.status] : "Not recorded"}
                    {deputy ? `; ${deputy.personName} deputised` : ""}
                  </Table.Cell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </Table>
      )}

      <h2>Deputies</h2>
      <p>A deputy stands in for a member who is not present and carries that member’s vote and representation.</p>
      <RecordTable records={deputies} meetingId={meeting.id} caption="Deputies" editable={editable} csrf={ctx.csrfToken} deputies />
      {editable ? (
        <form method="post" action={`/meetings/${meeting.id}/attendance/deputies`} noValidate>
          <CsrfField token={ctx.csrfToken} />
          <Fieldset>
            <Fieldset.Legend size="s">Add a deputy</Fieldset.Legend>
            <Select label="Deputy" id="deputyPersonId" name="deputyPersonId" defaultValue={values.deputyPersonId ?? ""} error={errors.deputyPersonId}>
              <Select.Option value="">Select a person</Select.Option>
              {unrecordedPeople.map((p) => (
                <Select.Option key={p.id} value={p.id}>
                  {personLabel(p)}
                </Select.Option>
              ))}
            </Select>
            <Select
              label="Standing in for"
              id="deputyForPersonId"
              name="deputyForPersonId"
              defaultValue={values.deputyForPersonId ?? ""}
              error={errors.deputyForPersonId}
            >
              <Select.Option value="">Select a member</Select.Option>
              {deputisable.map((m) => (
                <Select.Option key={m.id} value={m.personId}>
                  {m.personName}
                </Select.Option>
              ))}
            </Select>
            <TextInput
              label="Role as the minutes name it (optional)"
              id="deputyNote"
              name="deputyNote"
              defaultValue={values.deputyNote ?? ""}
              error={errors.deputyNote}
              width={30}
            />
          </Fieldset>
          <Button secondary>Add deputy</Button>
        </form>
      ) : null}

      <h2>Others in attendance</h2>
      <RecordTable records={others} meetingId={meeting.id} caption="Others in attendance" editable={editable} csrf={ctx.csrfToken} />
      {editable ? (
        <form method="post" action={`/meetings/${meeting.id}/attendance/others`} noValidate>
          <CsrfField token={ctx.csrfToken} />
          <Fieldset>
            <Fieldset.Legend size="s">Add someone in attendance</Fieldset.Legend>
            <Select
              label="Person"
              hint="Add them to the people directory first if they are not listed"
              id="otherPersonId"
              name="otherPersonId"
              defaultValue={values.otherPersonId ?? ""}
              error={errors.otherPersonId}
            >
              <Select.Option value="">Select a person</Select.Option>
              {unrecordedPeople.map((p) => (
                <Select.Option key={p.id} value={p.id}>
                  {personLabel(p)}
                </Select.Option>
              ))}
            </Select>
            <TextInput
              label="Role as the minutes name it (optional)"
              hint="For example, “Director of Finance, for item 4”"
              id="otherNote"
              name="otherNote"
              defaultValue={values.otherNote ?? ""}
              error={errors.otherNote}
              width={30}
            />
          </Fieldset>
          <Button secondary>Add to attendance</Button>
        </form>
      ) : null}
    </Layout>
  );
}

function seatDescription(m: MembershipView): string {
  const parts = [MEMBERSHIP_ROLE_LABELS[m.role], m.voting ? "voting" : "not voting"];
  if (m.organisationName) parts.push(m.organisationName);
  if (m.representing) parts.push(`representing ${m.representing}`);
  return parts.join(", ");
}

/** The error summary's link targets: radios focus their first option. */
function summaryIds(errors: FieldErrors, members: readonly MembershipView[]): Record<string, string> {
  const ids: Record<string, string> = { _form: members[0] ? `status-${members[0].personId}-1` : "deputyPersonId" };
  for (const key of Object.keys(errors)) if (key.startsWith("status-")) ids[key] = `${key}-1`;
  return ids;
}

function RecordTable(props: { records: readonly AttendanceView[]; meetingId: string; caption: string; editable: boolean; csrf: string; deputies?: boolean }) {
  if (props.records.length === 0) return <p>None recorded.</p>;
  return (
    <Table responsive caption={props.caption} captionProps={{ className: "nhsuk-u-visually-hidden" }}>
      <Table.Head>
        <Table.Row>
          <Table.Cell>Name</Table.Cell>
          {props.deputies ? <Table.Cell>Standing in for</Table.Cell> : null}
          <Table.Cell>Role</Table.Cell>
          {props.editable ? (
            <Table.Cell>
              <span className="nhsuk-u-visually-hidden">Actions</span>
            </Table.Cell>
          ) : null}
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {props.records.map((r) => (
          <Table.Row key={r.id}>
            <Table.Cell>{personLabel({ name: r.personName, jobTitle: r.personJobTitle, organisationName: r.organisationName })}</Table.Cell>
            {props.deputies ? <Table.Cell>{r.deputyForName ?? ""}</Table.Cell> : null}
            <Table.Cell>{r.note ?? ""}</Table.Cell>
            {props.editable ? (
              <Table.Cell>
                <form method="post" action={`/meetings/${props.meetingId}/attendance/${r.personId}/remove`} className="app-inline-form">
                  <input type="hidden" name="_csrf" value={props.csrf} />
                  <input type="hidden" name="version" value={r.version} />
                  <Button secondary small>
                    Remove<span className="nhsuk-u-visually-hidden"> {r.personName}</span>
                  </Button>
                </form>
              </Table.Cell>
            ) : null}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

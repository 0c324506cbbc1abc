import { Button, Select, Table, Tag, Textarea, TextInput } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, HistorySection, PageLinks, formTitle, formatDate } from "../../platform/views/components.tsx";
import { BackLink, ConflictCallout } from "../../platform/views/form-fields.tsx";
import type { HistoryEntry } from "../../platform/audit/audit.ts";
import type { FieldErrors } from "../../platform/http/errors.ts";
import { formatLondonDate, londonDate } from "../../platform/time.ts";
import { renderMarkdown } from "./board-updates.markdown.ts";
import { updatePath } from "./board-updates.presenter.ts";
import type { BoardUpdateDetail, BoardUpdateEntry } from "./board-updates.service.ts";
import type { BoardUpdateVersionRow } from "./board-updates.tables.ts";

/** "6 March 2018": the day in England an instant fell on. */
const dayOf = (instant: Date) => formatDate(londonDate(instant));

/** A meeting offered for drafting its update. */
export interface MeetingChoice {
  id: string;
  startsAt: Date;
  body: { name: string };
}

/** "Published 6 March 2018, updated on 8 March 2018", or "Draft". */
function PublishedLine({ entry }: { entry: BoardUpdateEntry }) {
  const u = entry.update;
  if (u.status === "draft" || !u.firstPublishedAt) return <Tag modifier="grey">Draft</Tag>;
  const corrected = u.lastPublishedAt && u.lastPublishedAt > u.firstPublishedAt ? u.lastPublishedAt : null;
  return (
    <>
      Published {dayOf(u.firstPublishedAt)}
      {corrected ? `, updated on ${dayOf(corrected)}` : ""}
    </>
  );
}

/** The <link rel="alternate"> elements announcing a page's feeds to feed readers. */
export function FeedLinks({ feedPath, title }: { feedPath: string; title: string }) {
  return (
    <>
      <link rel="alternate" type="application/rss+xml" title={`${title} (RSS)`} href={`${feedPath}.rss`} />
      <link rel="alternate" type="application/atom+xml" title={`${title} (Atom)`} href={`${feedPath}.atom`} />
    </>
  );
}

/** The rendered Markdown of an update (raw HTML in it is escaped by the renderer). */
function UpdateText({ markdown }: { markdown: string }) {
  return <div className="app-board-update" dangerouslySetInnerHTML={{ __html: renderMarkdown(markdown) }} />;
}

export function UpdatesListPage(props: {
  ctx: ViewContext;
  entries: BoardUpdateEntry[];
  page: number;
  hasNext: boolean;
  bodyId: string | undefined;
  bodies: { id: string; name: string }[];
  canManage: boolean;
  awaiting: MeetingChoice[];
  errors: FieldErrors;
}) {
  const { ctx, entries } = props;
  const title = "Board updates";
  const feedTitle = `${ctx.partnershipName}: board updates`;
  return (
    <Layout ctx={ctx} title={formTitle(title, props.errors)} head={<FeedLinks feedPath="/updates" title={feedTitle} />}>
      <FormErrorSummary errors={props.errors} fieldIds={{ _form: "meetingId" }} />
      <h1>{title}</h1>
      <p>After each meeting held in public, the board office publishes a summary of what the board heard and decided.</p>
      <p>
        Follow new updates with a feed reader: <a href="/updates.rss">RSS feed of board updates</a> or <a href="/updates.atom">Atom feed of board updates</a>.
      </p>
      <form method="get" action="/updates" noValidate>
        <Select label="Body" id="bodyId" name="bodyId" defaultValue={props.bodyId ?? ""}>
          <Select.Option value="">Any body</Select.Option>
          {props.bodies.map((b) => (
            <Select.Option key={b.id} value={b.id}>
              {b.name}
            </Select.Option>
          ))}
        </Select>
        <Button secondary>Filter</Button>
      </form>
      {entries.length === 0 ? (
        <p>No updates have been published{props.bodyId ? " for this body" : ""} yet.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--border">
          {entries.map((e) => (
            <li key={e.update.id}>
              <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">
                <a href={updatePath(e.update)}>{e.content.title}</a>
              </h2>
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
                {e.body.name}, meeting of {formatLondonDate(e.meeting.startsAt)}. <PublishedLine entry={e} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <PageLinks page={props.page} hasNext={props.hasNext} baseQuery={{ bodyId: props.bodyId }} />
      {props.canManage ? (
        <section aria-labelledby="draft-heading">
          <h2 id="draft-heading">Draft an update</h2>
          {props.awaiting.length === 0 ? (
            <p>Every recent meeting that has been held has an update.</p>
          ) : (
            <form method="post" action="/updates/draft" noValidate>
              <CsrfField token={ctx.csrfToken} />
              <Select
                label="Meeting"
                hint="Recent meetings that have been held and have no update yet"
                id="meetingId"
                name="meetingId"
                error={props.errors.meetingId}
              >
                {props.awaiting.map((m) => (
                  <Select.Option key={m.id} value={m.id}>
                    {m.body.name}, {formatLondonDate(m.startsAt)}
                  </Select.Option>
                ))}
              </Select>
              <Button>Draft the update</Button>
            </form>
          )}
        </section>
      ) : null}
    </Layout>
  );
}

export function UpdatePage(props: {
  ctx: ViewContext;
  detail: BoardUpdateDetail;
  canManage: boolean;
  history: HistoryEntry[] | null;
  errors: FieldErrors;
  values: Record<string, string>;
}) {
  const { ctx, detail, errors } = props;
  const u = detail.update;
  const corrections = detail.versions.filter((v) => v.number > 1);
  const path = updatePath(u);
  return (
    <Layout ctx={ctx} title={formTitle(detail.content.title, errors)} beforeContent={<BackLink href="/updates">All board updates</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={{ _form: "publish-button" }} />
      <span className="nhsuk-caption-l">{detail.body.name}</span>
      <h1>{detail.content.title}</h1>
      <p className="nhsuk-body-s">
        <PublishedLine entry={detail} />
      </p>
      {u.status === "draft" ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>This update is a draft. Only people with a role in the partnership can see it until it is published.</p>
        </div>
      ) : null}
      {detail.hasUnpublishedChanges ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>The text below is what is published. There are saved changes that have not been published yet.</p>
        </div>
      ) : null}
      <UpdateText markdown={detail.content.markdown} />
      <p>
        <a href={`/meetings/${detail.meeting.id}`}>
          The meeting of {detail.body.name} on {formatLondonDate(detail.meeting.startsAt)}
        </a>
      </p>
      {corrections.length > 0 ? (
        <section aria-labelledby="corrections-heading">
          <h2 id="corrections-heading">Corrections</h2>
          <ul>
            {corrections.map((v) => (
              <li key={v.number}>
                {dayOf(v.publishedAt)}: {v.changeNote}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {detail.versions.length > 0 ? (
        <p>
          <a href={`${path}/versions`}>Every published version of this update</a>
        </p>
      ) : null}
      {props.canManage ? (
        <section aria-labelledby="manage-heading">
          <h2 id="manage-heading">{u.status === "draft" ? "Edit and publish" : "Correct this update"}</h2>
          <p>
            <a href={`${path}/edit`}>Edit the update</a>
          </p>
          {u.status === "draft" ? (
            <form method="post" action={`${path}/publish`} noValidate>
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="version" value={String(u.version)} />
              <p>Publishing makes the update public, on this page and in the feeds.</p>
              <Button id="publish-button">Publish the update</Button>
            </form>
          ) : detail.hasUnpublishedChanges ? (
            <form method="post" action={`${path}/publish`} noValidate>
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="version" value={String(u.version)} />
              <Textarea
                label="What was corrected"
                labelProps={{ size: "s" }}
                hint="Shown with the update, for example: Corrected the date of the stakeholder conference"
                id="changeNote"
                name="changeNote"
                rows={2}
                defaultValue={props.values.changeNote ?? ""}
                error={errors.changeNote}
              />
              <Button id="publish-button">Publish the correction</Button>
            </form>
          ) : (
            <p>To correct the published update, edit it, then publish the correction with a note of what changed.</p>
          )}
        </section>
      ) : null}
      {props.history ? <HistorySection entries={props.history} labels={{ markdown: "Text", title: "Title", status: "Status" }} /> : null}
    </Layout>
  );
}

export function EditPage(props: {
  ctx: ViewContext;
  detail: BoardUpdateDetail;
  values: Record<string, string>;
  errors: FieldErrors;
  /** The typed Markdown, rendered (the Preview button). */
  preview?: string | undefined;
  conflict?: { title: string; markdown: string } | undefined;
}) {
  const { ctx, detail, values, errors } = props;
  const path = updatePath(detail.update);
  const title = detail.update.status === "draft" ? "Edit the draft update" : "Edit the published update";
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={path}>Back to the update</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={{ _form: "markdown", version: "markdown" }} />
      <span className="nhsuk-caption-l">
        {detail.body.name}, meeting of {formatLondonDate(detail.meeting.startsAt)}
      </span>
      <h1>{title}</h1>
      {props.conflict ? (
        <ConflictCallout heading="Someone else saved this update first">
          <p>Their version is titled “{props.conflict.title}”. Your text is below and has not been saved. Save again to replace their version with yours.</p>
        </ConflictCallout>
      ) : null}
      {detail.update.status === "published" ? (
        <p>Saving changes does not change the public update: publish the correction from the update’s page, with a note of what changed.</p>
      ) : null}
      <form method="post" action={`${path}/edit`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? ""} />
        <TextInput label="Title" labelProps={{ size: "s" }} id="title" name="title" defaultValue={values.title ?? ""} error={errors.title} />
        <Textarea
          label="Text"
          labelProps={{ size: "s" }}
          hint="Markdown: ## for a section heading, a line starting with - for a bullet point, a blank line between paragraphs"
          id="markdown"
          name="markdown"
          rows={24}
          defaultValue={values.markdown ?? ""}
          error={errors.markdown}
        />
        <div className="nhsuk-button-group">
          <Button name="intent" value="save">
            Save changes
          </Button>
          <Button secondary name="intent" value="preview">
            Preview
          </Button>
        </div>
      </form>
      {props.preview !== undefined ? (
        <section aria-labelledby="preview-heading" className="app-board-update-preview">
          <h2 id="preview-heading">Preview (not saved)</h2>
          <p className="nhsuk-heading-m">{values.title}</p>
          <div dangerouslySetInnerHTML={{ __html: props.preview }} />
        </section>
      ) : null}
    </Layout>
  );
}

export function VersionsPage(props: { ctx: ViewContext; detail: BoardUpdateDetail }) {
  const { ctx, detail } = props;
  const title = "Published versions";
  const path = updatePath(detail.update);
  return (
    <Layout ctx={ctx} title={`${title}: ${detail.content.title}`} beforeContent={<BackLink href={path}>Back to the update</BackLink>}>
      <span className="nhsuk-caption-l">{detail.content.title}</span>
      <h1>{title}</h1>
      {detail.versions.length === 0 ? (
        <p>This update has not been published yet.</p>
      ) : (
        <Table responsive caption="Every publication of this update, oldest first" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Version</Table.Cell>
              <Table.Cell>Published</Table.Cell>
              <Table.Cell>By</Table.Cell>
              <Table.Cell>What changed</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {detail.versions.map((v) => (
              <Table.Row key={v.number}>
                <Table.Cell>
                  <a href={`${path}/versions/${v.number}`}>Version {v.number}</a>
                </Table.Cell>
                <Table.Cell>{dayOf(v.publishedAt)}</Table.Cell>
                <Table.Cell>{v.publishedByName}</Table.Cell>
                <Table.Cell>{v.number === 1 ? "First published" : v.changeNote}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Layout>
  );
}

export function VersionPage(props: { ctx: ViewContext; detail: BoardUpdateDetail; version: BoardUpdateVersionRow }) {
  const { ctx, detail, version } = props;
  const path = updatePath(detail.update);
  const latest = detail.versions[detail.versions.length - 1]?.number === version.number;
  return (
    <Layout ctx={ctx} title={`${version.title} (version ${version.number})`} beforeContent={<BackLink href={`${path}/versions`}>All versions</BackLink>}>
      <span className="nhsuk-caption-l">
        Version {version.number}, published {dayOf(version.publishedAt)}
      </span>
      <h1>{version.title}</h1>
      {!latest ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            This is an earlier version. <a href={path}>Read the current update</a>.
          </p>
        </div>
      ) : null}
      {version.changeNote ? <p className="nhsuk-body-s">What changed: {version.changeNote}</p> : null}
      <UpdateText markdown={version.markdown} />
    </Layout>
  );
}

export function DraftMeetingPage(props: { ctx: ViewContext; meeting: MeetingChoice & { status: string }; errors: FieldErrors }) {
  const { ctx, meeting, errors } = props;
  const title = "Draft the board update";
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={`/meetings/${meeting.id}`}>Back to the meeting</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={{ _form: "draft-button" }} />
      <span className="nhsuk-caption-l">
        {meeting.body.name}, {formatLondonDate(meeting.startsAt)}
      </span>
      <h1>{title}</h1>
      <p>
        The draft is written from the public (Part I) record of the meeting: the agenda, the public summaries in the minutes, and the decisions. Nothing from
        Part II is used. You can edit it before publishing.
      </p>
      <form method="post" action={`/meetings/${meeting.id}/update`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <Button id="draft-button">Draft the update</Button>
      </form>
    </Layout>
  );
}

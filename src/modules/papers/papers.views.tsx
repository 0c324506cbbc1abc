import { Button, SummaryList, Table, Tag, TextInput } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, HistorySection, formTitle, formatDateTime } from "../../platform/views/components.tsx";
import type { HistoryEntry } from "../../platform/audit/audit.ts";
import type { FieldErrors } from "../../platform/http/errors.ts";
import type { ItemContext, PaperVersionSummary } from "./papers.repository.ts";
import type { PaperDetail } from "./papers.service.ts";
import { PAPER_FORMAT_LABELS, formatBytes } from "./papers.schema.ts";
import { textStatusOf, versionDownloadUrl } from "./papers.presenter.ts";
import { BackLink } from "../../platform/views/form-fields.tsx";

const FIELD_LABELS: Record<string, string> = {
  title: "Title",
  agendaItemId: "Agenda item",
  position: "Position",
  archivedAt: "Archived",
  versionNumber: "Version",
  fileName: "File",
  format: "Format",
  mediaType: "Media type",
  sizeBytes: "Size in bytes",
  sha256: "SHA-256",
  pageCount: "Pages",
  uploadedByName: "Uploaded by",
  uploadedAt: "Uploaded",
};

const meetingDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

/** "Programme Board, 5 March 2018", or the meeting's own title when it has one. */
export function meetingLabel(context: ItemContext): string {
  const when = meetingDate.format(context.meeting.startsAt);
  return context.meeting.title ? `${context.meeting.title}, ${when}` : `${context.body.name}, ${when}`;
}

const meetingHref = (context: ItemContext) => `/meetings/${context.meeting.id}`;
const itemHref = (context: ItemContext) => `/meetings/${context.meeting.id}/items/${context.item.id}`;

/** The form action of an upload: multipart bodies are read after the CSRF check, so the token travels in the address. */
function uploadAction(path: string, csrfToken: string): string {
  return `${path}?_csrf=${encodeURIComponent(csrfToken)}`;
}

function ConfidentialNotice({ context }: { context: ItemContext }) {
  if (context.item.confidentiality !== "part_2") return null;
  return (
    <div className="nhsuk-warning-callout">
      <h2 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>Part II: confidential
        </span>
      </h2>
      <p>This paper belongs to a confidential (Part II) agenda item. Only the board office, admins and members can see it; do not share it.</p>
    </div>
  );
}

/** A file input in the NHS.UK file upload component's markup, with hint and inline error. */
function FileField({ id, label, hint, error }: { id: string; label: string; hint: string; error?: string | undefined }) {
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`nhsuk-form-group nhsuk-file-upload${error ? " nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <div className="nhsuk-hint" id={`${id}-hint`}>
        {hint}
      </div>
      {error ? (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      ) : null}
      <input
        className="nhsuk-file-upload__input"
        id={id}
        name={id}
        type="file"
        accept=".pdf,.docx,.xlsx,.pptx,.odt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.openxmlformats-officedocument.presentationml.presentation,application/vnd.oasis.opendocument.text"
        aria-describedby={describedBy}
      />
    </div>
  );
}

const fileHint = (maxBytes: number) => `A PDF, Word, Excel, PowerPoint or OpenDocument text file, smaller than ${formatBytes(maxBytes)}`;

/** The form to attach a new paper to an agenda item. */
export function PaperUploadPage(props: { ctx: ViewContext; context: ItemContext; values: Record<string, string>; errors: FieldErrors; maxBytes: number }) {
  const { ctx, context, values, errors } = props;
  const title = "Upload a paper";
  const fileError = errors.file ?? errors._form;
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={itemHref(context)}>{context.item.title}</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={{ _form: "file" }} />
      <span className="nhsuk-caption-l">{context.item.title}</span>
      <h1>{title}</h1>
      <ConfidentialNotice context={context} />
      <p>
        For agenda item “{context.item.title}” of {meetingLabel(context)}. The paper is{" "}
        {context.item.confidentiality === "part_2" ? "confidential (Part II)" : "public (Part I)"}, like its item.
      </p>
      <form
        method="post"
        action={uploadAction(`/meetings/${context.meeting.id}/items/${context.item.id}/papers`, ctx.csrfToken)}
        encType="multipart/form-data"
        noValidate
      >
        <TextInput
          label="Title"
          hint="As it should appear on the agenda, for example “Mental health deep dive”"
          id="title"
          name="title"
          defaultValue={values.title ?? ""}
          error={errors.title}
        />
        <FileField id="file" label="File" hint={fileHint(props.maxBytes)} error={fileError} />
        {Object.keys(errors).length > 0 ? <p className="nhsuk-body-s">For your security, select the file again.</p> : null}
        <Button>Upload paper</Button>
      </form>
    </Layout>
  );
}

/** The form to upload a new version of a paper; earlier versions are kept. */
export function PaperVersionUploadPage(props: {
  ctx: ViewContext;
  detail: PaperDetail;
  values: Record<string, string>;
  errors: FieldErrors;
  maxBytes: number;
  /** When someone else changed the paper first: the paper as it now is. */
  conflict?: PaperDetail | undefined;
}) {
  const { ctx, detail, values, errors } = props;
  const { paper, context } = detail;
  const current = detail.versions[0];
  const title = `Upload a new version of ${paper.title}`;
  const fileError = errors.file ?? errors._form;
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href={`/papers/${paper.id}`}>{paper.title}</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={{ _form: "file" }} />
      <span className="nhsuk-caption-l">{meetingLabel(context)}</span>
      <h1>{title}</h1>
      <ConfidentialNotice context={context} />
      {props.conflict ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Someone else changed this paper first
            </span>
          </h2>
          <p>
            The paper now has {props.conflict.versions.length} {props.conflict.versions.length === 1 ? "version" : "versions"}; the newest is version{" "}
            {props.conflict.versions[0]?.versionNumber}, “{props.conflict.versions[0]?.fileName}”, uploaded by {props.conflict.versions[0]?.uploadedByName}.
            Your file has not been added. Check the paper, then select your file again to add it as a further version.
          </p>
        </div>
      ) : null}
      {current ? (
        <p>
          The current version is version {current.versionNumber}, “{current.fileName}”. It will be kept: people can still download every earlier version.
        </p>
      ) : null}
      <form method="post" action={uploadAction(`/papers/${paper.id}/versions`, ctx.csrfToken)} encType="multipart/form-data" noValidate>
        <input type="hidden" name="version" value={values.version ?? String(paper.version)} />
        <FileField id="file" label="New version" hint={fileHint(props.maxBytes)} error={fileError} />
        {Object.keys(errors).length > 0 ? <p className="nhsuk-body-s">For your security, select the file again.</p> : null}
        <Button>Upload new version</Button>
      </form>
    </Layout>
  );
}

function TextStatusNote({ version }: { version: PaperVersionSummary }) {
  switch (textStatusOf(version)) {
    case "unreadable":
      return (
        <p className="nhsuk-body-s">
          The text of this file could not be read (it may be encrypted or damaged), so search will not find it. It can still be downloaded.
        </p>
      );
    case "no_text":
      return <p className="nhsuk-body-s">This file holds no text that could be read (it may be scanned pages), so search will not find its contents.</p>;
    default:
      return null;
  }
}

function fileSummary(v: PaperVersionSummary): string {
  const pages = v.pageCount ? `, ${v.pageCount} ${v.pageCount === 1 ? "page" : "pages"}` : "";
  return `${PAPER_FORMAT_LABELS[v.format]}, ${formatBytes(v.sizeBytes)}${pages}`;
}

/** A paper: its current file to download, every version with who uploaded it and when, and its history. */
export function PaperPage(props: { ctx: ViewContext; detail: PaperDetail; canManage: boolean; history: HistoryEntry[] | null }) {
  const { ctx, detail } = props;
  const { paper, context, versions } = detail;
  const current = versions[0];
  return (
    <Layout ctx={ctx} title={paper.title} beforeContent={<BackLink href={itemHref(context)}>{context.item.title}</BackLink>}>
      <span className="nhsuk-caption-l">{context.item.title}</span>
      <h1>
        {paper.title} {paper.archivedAt ? <Tag color="grey">Archived</Tag> : null}{" "}
        {context.item.confidentiality === "part_2" ? <Tag color="red">Part II</Tag> : null}
      </h1>
      <ConfidentialNotice context={context} />
      {current ? (
        <>
          <p>
            <a className="nhsuk-button" href={`/papers/${paper.id}/download`} role="button" draggable="false" download>
              Download <span className="nhsuk-u-visually-hidden">{paper.title}, </span>
              {current.fileName} ({fileSummary(current)})
            </a>
          </p>
          <TextStatusNote version={current} />
        </>
      ) : null}
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Meeting</SummaryList.Key>
          <SummaryList.Value>
            <a href={meetingHref(context)}>{meetingLabel(context)}</a>
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Agenda item</SummaryList.Key>
          <SummaryList.Value>
            <a href={itemHref(context)}>{context.item.title}</a>
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Confidentiality</SummaryList.Key>
          <SummaryList.Value>
            {context.item.confidentiality === "part_2" ? "Part II (confidential), as its agenda item" : "Part I (public), as its agenda item"}
          </SummaryList.Value>
        </SummaryList.Row>
        {current ? (
          <SummaryList.Row>
            <SummaryList.Key>Current version</SummaryList.Key>
            <SummaryList.Value>
              Version {current.versionNumber}, uploaded by {current.uploadedByName} on {formatDateTime(current.uploadedAt)}
            </SummaryList.Value>
          </SummaryList.Row>
        ) : null}
      </SummaryList>
      {props.canManage ? (
        <div className="nhsuk-button-group">
          {paper.archivedAt ? null : (
            <a className="nhsuk-button nhsuk-button--secondary" href={`/papers/${paper.id}/versions/new`} role="button" draggable="false">
              Upload a new version<span className="nhsuk-u-visually-hidden"> of {paper.title}</span>
            </a>
          )}
          <form method="post" action={`/papers/${paper.id}/${paper.archivedAt ? "restore" : "archive"}`} className="app-inline-form">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="version" value={paper.version} />
            <Button secondary>{paper.archivedAt ? "Restore" : "Archive"}</Button>
          </form>
        </div>
      ) : null}
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        <Table responsive caption="Versions of this paper, newest first" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Version</Table.Cell>
              <Table.Cell>File</Table.Cell>
              <Table.Cell>Uploaded by</Table.Cell>
              <Table.Cell>When</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {versions.map((v) => (
              <Table.Row key={v.id}>
                <Table.Cell>{v.versionNumber}</Table.Cell>
                <Table.Cell>
                  <a href={versionDownloadUrl(paper.id, v.versionNumber)} download>
                    {v.fileName}
                    <span className="nhsuk-u-visually-hidden"> (version {v.versionNumber})</span>
                  </a>{" "}
                  ({fileSummary(v)})
                </Table.Cell>
                <Table.Cell>{v.uploadedByName}</Table.Cell>
                <Table.Cell>{formatDateTime(v.uploadedAt)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </section>
      {props.history ? <HistorySection entries={props.history} labels={FIELD_LABELS} /> : null}
    </Layout>
  );
}

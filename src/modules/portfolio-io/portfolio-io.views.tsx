import type { ReactNode } from "react";
import { Button, ErrorSummary } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { BackLink } from "../../platform/views/form-fields.tsx";
import { describeProblem, type Problem } from "./portfolio-io.layouts.ts";

/** What an import page shows: where it imports into, what the file should hold, and any problems. */
export interface ImportPageProps {
  ctx: ViewContext;
  /** "Import risks" */
  title: string;
  /** The workstream (and year) the page is about, shown above the heading. */
  caption: string;
  back: { href: string; text: string };
  /** Where the form posts (without the CSRF token). */
  action: string;
  /** The export to start from, as XLSX and CSV. */
  exportHref: { xlsx: string; csv: string };
  /** What the import does with the rows (adds them, replaces the lines …). */
  effect: ReactNode;
  /** The headers an import understands; `required` ones must be present. */
  columns: { header: string; required: boolean; note?: string }[];
  maxRows: number;
  maxBytes: number;
  /** Every problem found; the page lists the first `shown`. */
  problems: Problem[];
  shown: number;
}

const FILE_ID = "file";

/** The form action of an upload: multipart bodies are read after the CSRF check, so the token travels in the address. */
function uploadAction(path: string, csrfToken: string): string {
  return `${path}?_csrf=${encodeURIComponent(csrfToken)}`;
}

/** The NHS error summary for an import: each problem as "Row 7, Current likelihood: …", capped with a count. */
function ImportErrorSummary({ problems, shown }: { problems: Problem[]; shown: number }) {
  if (problems.length === 0) return null;
  const listed = problems.slice(0, shown);
  return (
    <ErrorSummary>
      <ErrorSummary.Title>
        {problems.length === 1 ? "There is a problem with the file" : `There are ${problems.length.toLocaleString("en-GB")} problems with the file`}
      </ErrorSummary.Title>
      <p>Nothing has been imported. Correct the file and upload it again.</p>
      {problems.length > listed.length ? (
        <p>
          Showing the first {listed.length.toLocaleString("en-GB")} of {problems.length.toLocaleString("en-GB")} problems.
        </p>
      ) : null}
      <ErrorSummary.List>
        {listed.map((p, i) => (
          <ErrorSummary.ListItem key={i} href={`#${FILE_ID}`}>
            {describeProblem(p)}
          </ErrorSummary.ListItem>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** The page to upload a spreadsheet (XLSX or CSV) of risks, milestones or budget lines. */
export function ImportPage(props: ImportPageProps) {
  const { ctx, problems } = props;
  const hasErrors = problems.length > 0;
  const fileError = hasErrors ? (problems.length === 1 ? describeProblem(problems[0]!) : "The file has problems: see the list above") : undefined;
  return (
    <Layout ctx={ctx} title={hasErrors ? `Error: ${props.title}` : props.title} beforeContent={<BackLink href={props.back.href}>{props.back.text}</BackLink>}>
      <ImportErrorSummary problems={problems} shown={props.shown} />
      <span className="nhsuk-caption-l">{props.caption}</span>
      <h1>{props.title}</h1>
      <p>{props.effect}</p>
      <p>
        Every row is checked first. If any row has a problem, nothing is imported and each problem is listed by its row and column, so that you can correct the
        file and upload it again.
      </p>
      <h2>The file</h2>
      <ul>
        <li>
          an Excel workbook (.xlsx; the first worksheet is read) or a CSV file saved as CSV UTF-8, smaller than {megabytes(props.maxBytes)} and with at most{" "}
          {props.maxRows.toLocaleString("en-GB")} rows
        </li>
        <li>the first row holds the column headers; the other rows, one record each</li>
        <li>dates as 2018-06-30 or 30/06/2018 (or date cells); amounts in pounds with at most 2 decimal places, like 1234.56</li>
      </ul>
      <p>
        The easiest way to start is from an export: <a href={props.exportHref.xlsx}>download the current data as XLSX</a> or{" "}
        <a href={props.exportHref.csv}>as CSV</a>, then change it.
      </p>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">Columns Quorum reads</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Header
            </th>
            <th scope="col" className="nhsuk-table__header">
              Needed
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {props.columns.map((c) => (
            <tr className="nhsuk-table__row" key={c.header}>
              <td className="nhsuk-table__cell">{c.header}</td>
              <td className="nhsuk-table__cell">{c.note ?? (c.required ? "Yes" : "No: blank when left out")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action={uploadAction(props.action, ctx.csrfToken)} encType="multipart/form-data" noValidate>
        <div className={`nhsuk-form-group nhsuk-file-upload${fileError ? " nhsuk-form-group--error" : ""}`}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor={FILE_ID}>
            Spreadsheet to import
          </label>
          <div className="nhsuk-hint" id={`${FILE_ID}-hint`}>
            An .xlsx or .csv file
          </div>
          {fileError ? (
            <span className="nhsuk-error-message" id={`${FILE_ID}-error`}>
              <span className="nhsuk-u-visually-hidden">Error:</span> {fileError}
            </span>
          ) : null}
          <input
            className="nhsuk-file-upload__input"
            id={FILE_ID}
            name={FILE_ID}
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={[`${FILE_ID}-hint`, fileError ? `${FILE_ID}-error` : null].filter(Boolean).join(" ")}
          />
        </div>
        <Button>Import</Button>
      </form>
    </Layout>
  );
}

import type { ReactNode } from "react";
import { ErrorSummary, Table } from "nhsuk-react-components";
import type { FieldErrors } from "../http/errors.ts";
import type { HistoryEntry } from "../audit/audit.ts";

/** The hidden CSRF field every state-changing form carries. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** NHS error summary linking each message to its field; nothing when there are no errors. */
export function FormErrorSummary({ errors, fieldIds = {} }: { errors: FieldErrors; fieldIds?: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <ErrorSummary>
      <ErrorSummary.Title>There is a problem</ErrorSummary.Title>
      <ErrorSummary.List>
        {entries.map(([field, message]) => (
          <ErrorSummary.ListItem key={field} href={`#${fieldIds[field] ?? field}`}>
            {message}
          </ErrorSummary.ListItem>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}

/** The page title with the "Error: " prefix GOV.UK and NHS.UK use when a form has errors. */
export function formTitle(title: string, errors: FieldErrors): string {
  return Object.keys(errors).length > 0 ? `Error: ${title}` : title;
}

const ACTION_LABELS: Record<string, string> = {
  create: "Created",
  update: "Updated",
  archive: "Archived",
  restore: "Restored",
};

function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (Array.isArray(value))
    return value.length === 0
      ? "(none)"
      : value.map((v: unknown) => (v !== null && typeof v === "object" ? JSON.stringify(v) : String(v as string | number | boolean))).join(", ");
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

/** Formats an instant for people in England. */
export function formatDateTime(date: Date): string {
  return dateTimeFormat.format(date);
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** Formats a calendar date stored as YYYY-MM-DD, e.g. "4 December 2017". */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return "";
  return dateFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

/** A record's audit history: who changed what, when. */
export function HistorySection({ entries, labels = {} }: { entries: HistoryEntry[]; labels?: Record<string, string> }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {entries.length === 0 ? (
        <p>No changes have been recorded.</p>
      ) : (
        <Table responsive caption="Changes to this record, newest first" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>When</Table.Cell>
              <Table.Cell>Who</Table.Cell>
              <Table.Cell>What</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {entries.map((e) => (
              <Table.Row key={e.id}>
                <Table.Cell>{formatDateTime(e.occurredAt)}</Table.Cell>
                <Table.Cell>{e.actorName}</Table.Cell>
                <Table.Cell>
                  <strong>{ACTION_LABELS[e.action] ?? e.action}</strong>
                  {e.changes.length > 0 ? (
                    <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                      {e.changes.map((c) => (
                        <li key={c.field}>
                          {labels[c.field] ?? c.field}: {e.action === "create" ? formatValue(c.to) : `${formatValue(c.from)} → ${formatValue(c.to)}`}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}

/** Previous / next links for a paginated list; pages are 1-based and the query string is kept. */
export function PageLinks({ page, hasNext, baseQuery }: { page: number; hasNext: boolean; baseQuery: Record<string, string | undefined> }): ReactNode {
  if (page <= 1 && !hasNext) return null;
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(baseQuery)) if (v) q.set(k, v);
    q.set("page", String(p));
    return `?${q.toString()}`;
  };
  return (
    <nav className="nhsuk-pagination" role="navigation" aria-label="Pagination">
      <ul className="nhsuk-list nhsuk-pagination__list">
        {page > 1 ? (
          <li className="nhsuk-pagination-item--previous">
            <a className="nhsuk-pagination__link nhsuk-pagination__link--prev" href={href(page - 1)}>
              <span className="nhsuk-pagination__title">Previous</span>
              <span className="nhsuk-u-visually-hidden">:</span>
              <span className="nhsuk-pagination__page">Page {page - 1}</span>
            </a>
          </li>
        ) : null}
        {hasNext ? (
          <li className="nhsuk-pagination-item--next">
            <a className="nhsuk-pagination__link nhsuk-pagination__link--next" href={href(page + 1)}>
              <span className="nhsuk-pagination__title">Next</span>
              <span className="nhsuk-u-visually-hidden">:</span>
              <span className="nhsuk-pagination__page">Page {page + 1}</span>
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** A table in a keyboard-focusable scrolling region, so wide tables stay usable on narrow screens. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="app-scroll-region">
      {children}
    </div>
  );
}

/** Named records as a plain list of links to `${base}/${id}`, or "None". */
export function NamedLinks({ items, base }: { items: readonly { id: string; name: string }[]; base: string }) {
  if (items.length === 0) return <>None</>;
  return (
    <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
      {items.map((i) => (
        <li key={i.id}>
          <a href={`${base}/${i.id}`}>{i.name}</a>
        </li>
      ))}
    </ul>
  );
}

import { SummaryList, Table, Tag } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { BackLink } from "../../platform/views/form-fields.tsx";
import type { PackView } from "./board-packs.presenter.ts";

const pagesText = (n: number) => `${n} page${n === 1 ? "" : "s"}`;

/** The board pack as a web page: the agenda with the page each item starts on, cover sheets, and each paper's download. */
export function PackPage({ ctx, pack }: { ctx: ViewContext; pack: PackView }) {
  const title = `${pack.full ? "Full board pack" : "Board pack"}: ${pack.meetingTitle}`;
  return (
    <Layout ctx={ctx} title={title} beforeContent={<BackLink href={`/meetings/${pack.meetingId}`}>{pack.meetingTitle}</BackLink>}>
      <span className="nhsuk-caption-l">{pack.bodyName}</span>
      <h1>{title}</h1>
      <p>
        {pack.date}, {pack.time}. {pack.venue}.
      </p>
      {pack.full ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              Contains confidential Part II material
            </span>
          </h2>
          <p>Items marked Part II are exempt from publication. Do not share this pack outside those entitled to see them.</p>
        </div>
      ) : null}
      <ul className="nhsuk-list">
        <li>
          <a href={pack.downloadUrl} download>
            Download the {pack.full ? "full board pack" : "board pack"} (PDF, {pagesText(pack.pages)})
          </a>
        </li>
        {pack.otherPack ? (
          <li>
            <a href={pack.otherPack.pageUrl}>{pack.otherPack.label}</a>
          </li>
        ) : null}
      </ul>
      <p>Page numbers below are those of the PDF.</p>

      <h2 id="agenda-heading">Agenda</h2>
      {pack.items.length === 0 ? (
        <p>No items have been added to the agenda yet.</p>
      ) : (
        <Table responsive caption="Agenda items and the page of the pack each starts on" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>No.</Table.Cell>
              <Table.Cell>Item</Table.Cell>
              <Table.Cell>Presenter</Table.Cell>
              <Table.Cell>Purpose</Table.Cell>
              <Table.Cell>Time</Table.Cell>
              <Table.Cell>Page</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {pack.items.map((item) => (
              <Table.Row key={item.id}>
                <Table.Cell>{item.number}</Table.Cell>
                <Table.Cell>
                  <a href={`#item-${item.id}`}>{item.title}</a> {item.part2 ? <Tag color="red">Part II</Tag> : null}
                </Table.Cell>
                <Table.Cell>{item.presenters.map((p) => (p.roleLabel ? `${p.name}, ${p.roleLabel}` : p.name)).join("; ") || "Not named"}</Table.Cell>
                <Table.Cell>{item.purpose ?? "Not stated"}</Table.Cell>
                <Table.Cell>{item.time}</Table.Cell>
                <Table.Cell>{item.startPage}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}

      {pack.items.map((item) => (
        <section key={item.id} aria-labelledby={`item-${item.id}`}>
          <h2 id={`item-${item.id}`}>
            {item.number}. {item.title} {item.part2 ? <Tag color="red">Part II – confidential</Tag> : null}
          </h2>
          <SummaryList>
            <SummaryList.Row>
              <SummaryList.Key>Starts on</SummaryList.Key>
              <SummaryList.Value>Page {item.startPage}</SummaryList.Value>
            </SummaryList.Row>
            {item.part2 && item.exemptionReason ? (
              <SummaryList.Row>
                <SummaryList.Key>Exempt from publication</SummaryList.Key>
                <SummaryList.Value>{item.exemptionReason}</SummaryList.Value>
              </SummaryList.Row>
            ) : null}
            <SummaryList.Row>
              <SummaryList.Key>{item.presenters.length > 1 ? "Presenters" : "Presenter"}</SummaryList.Key>
              <SummaryList.Value>
                {item.presenters.map((p) => (p.roleLabel ? `${p.name}, ${p.roleLabel}` : p.name)).join("; ") || "Not named"}
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Purpose</SummaryList.Key>
              <SummaryList.Value>{item.purpose ?? "Not stated"}</SummaryList.Value>
            </SummaryList.Row>
            {item.recommendation ? (
              <SummaryList.Row>
                <SummaryList.Key>Recommendation</SummaryList.Key>
                <SummaryList.Value>{item.recommendation}</SummaryList.Value>
              </SummaryList.Row>
            ) : null}
          </SummaryList>
          {item.papers.length === 0 ? (
            <p>No papers for this item.</p>
          ) : (
            <ul className="nhsuk-list nhsuk-list--bullet">
              {item.papers.map((p) => (
                <li key={p.id}>
                  <a href={p.downloadUrl}>{p.title}</a> ({p.formatLabel}
                  {p.includedInPdf ? `, ${pagesText(p.pageCount)} from page ${p.startPage}` : `, not included in the PDF: download it separately`})
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </Layout>
  );
}

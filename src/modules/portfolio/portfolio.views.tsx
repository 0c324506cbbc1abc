import type { ReactNode } from "react";
import { Button, InsetText, Select } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { isInsider } from "../../platform/auth/principal.ts";
import { ScrollRegion, formatDate } from "../../platform/views/components.tsx";
import { Variance } from "../../platform/views/money.tsx";
import { BackLink } from "../../platform/views/form-fields.tsx";
import { formatPence } from "../../platform/money.ts";
import type { Rag } from "../highlight-reports/highlight-reports.tables.ts";
import { RAG_LABELS, monthLabel } from "../highlight-reports/highlight-reports.rules.ts";
import { RagTag } from "../highlight-reports/highlight-reports.views.tsx";
import { MILESTONE_STATUS_LABELS } from "../milestones/milestones.schema.ts";
import { ISSUE_PRIORITY_LABELS } from "../risks/risks.schema.ts";
import { BandTag } from "../risks/risks.views.tsx";
import { BAND_LABELS } from "../risks/scoring.ts";
import { CONTRIBUTION_LABELS } from "../workstreams/workstreams.schema.ts";
import { BudgetBarChart } from "../plans/plans.chart.tsx";
import { PLAN_STATUS_LABELS } from "../plans/plans.schema.ts";
import { EFFECT_KIND_LABELS, slippageText } from "./portfolio.presenter.ts";
import type { Dashboard, DashboardRow, DecisionEffectView, DeepDive, DeepDiveMilestone, DeepDiveProduct } from "./portfolio.service.ts";

const th = "nhsuk-table__header";
const thNum = "nhsuk-table__header nhsuk-table__header--numeric";
const td = "nhsuk-table__cell";
const tdNum = "nhsuk-table__cell nhsuk-table__cell--numeric";
const small = "nhsuk-body-s nhsuk-u-display-block nhsuk-u-font-weight-normal nhsuk-u-margin-bottom-0";

const money = (pence: number) => formatPence(pence);

const RAG_FILL: Record<Rag, string> = { red: "#d5281b", amber: "#ffb81c", green: "#007f3b" };

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------------
// The dashboard

const DIMENSIONS = [
  { key: "overall", label: "Overall" },
  { key: "schedule", label: "Schedule" },
  { key: "finance", label: "Finance" },
  { key: "risk", label: "Risk" },
] as const;

/** A grid of RAG ratings (workstreams × dimensions) as accessible SVG; the table below carries the same ratings. */
function RagChart({ rows }: { rows: DashboardRow[] }) {
  const labelWidth = 230;
  const cell = 90;
  const rowHeight = 30;
  const top = 30;
  const width = labelWidth + DIMENSIONS.length * cell;
  const height = top + rows.length * rowHeight + 8;
  const description = rows
    .map(
      (r) =>
        `${r.workstream.name}: ${r.report ? DIMENSIONS.map((d) => `${d.label.toLowerCase()} ${r.report![d.key].rag ? RAG_LABELS[r.report![d.key].rag!].toLowerCase() : "not rated"}`).join(", ") : "no highlight report"}`,
    )
    .join("; ");
  return (
    <svg
      role="img"
      aria-labelledby="rag-chart-title rag-chart-desc"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      className="app-chart"
      xmlns="http://www.w3.org/2000/svg"
      fontFamily="Frutiger W01, Arial, sans-serif"
      fontSize="13"
    >
      <title id="rag-chart-title">RAG ratings from each workstream’s latest highlight report</title>
      <desc id="rag-chart-desc">{`${description}. The table below gives the same ratings with their reasons.`}</desc>
      <g aria-hidden="true">
        {DIMENSIONS.map((d, j) => (
          <text key={d.key} x={labelWidth + j * cell + cell / 2} y={18} textAnchor="middle" fill="#212b32" fontWeight="bold">
            {d.label}
          </text>
        ))}
        {rows.map((r, i) => {
          const y = top + i * rowHeight;
          return (
            <g key={r.workstream.id}>
              <text x={labelWidth - 8} y={y + 18} textAnchor="end" fill="#212b32">
                {r.workstream.name.length > 30 ? `${r.workstream.name.slice(0, 29)}…` : r.workstream.name}
              </text>
              {DIMENSIONS.map((d, j) => {
                const rag = r.report ? r.report[d.key].rag : null;
                return (
                  <g key={d.key}>
                    <rect x={labelWidth + j * cell + 4} y={y + 2} width={cell - 8} height={rowHeight - 6} rx={3} fill={rag ? RAG_FILL[rag] : "#d8dde0"} />
                    <text x={labelWidth + j * cell + cell / 2} y={y + 19} textAnchor="middle" fill={rag === "amber" || !rag ? "#212b32" : "#ffffff"}>
                      {rag ? RAG_LABELS[rag] : "–"}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </g>
    </svg>
  );
}

function RagCell({ rating }: { rating: { rag: Rag | null; reason: string | null } }) {
  return (
    <td className={td}>
      <RagTag rag={rating.rag} />
      {rating.reason ? <span className={small}>{rating.reason}</span> : null}
    </td>
  );
}

/** The portfolio dashboard: per workstream RAG, budget, milestones, risks, decisions and actions; the objectives matrix. */
export function PortfolioDashboardPage({ ctx, dashboard: d }: { ctx: ViewContext; dashboard: Dashboard }) {
  const year = d.financialYearLabel;
  const withBudget = d.rows.filter((r) => r.budget !== null);
  return (
    <Layout ctx={ctx} title="Portfolio dashboard">
      <h1>Portfolio dashboard</h1>
      <p>
        Every workstream at a glance: its latest highlight report, its budget for {year}, milestones due in the next {d.dueWithinDays} days and late, its
        highest risk, recent decisions and outstanding actions, and what it contributes to the partnership’s objectives.
      </p>
      <form method="get" action="/portfolio" className="app-filter" aria-label="Choose the financial year">
        <Select label="Financial year for budgets" id="year" name="year" defaultValue={String(d.financialYear)}>
          {d.years.map((y) => (
            <Select.Option key={y.year} value={String(y.year)}>
              {y.label}
            </Select.Option>
          ))}
        </Select>
        <Button secondary>Show</Button>
      </form>
      {d.rows.length === 0 ? (
        <p>There are no workstreams to show.</p>
      ) : (
        <>
          <h2>Workstreams at a glance</h2>
          <ScrollRegion label="Workstreams at a glance">
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption">Milestones, risks, decisions and actions by workstream (as at {formatDate(d.today)})</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className={th}>
                    Workstream
                  </th>
                  <th scope="col" className={th}>
                    Milestones
                  </th>
                  <th scope="col" className={th}>
                    Highest risk
                  </th>
                  <th scope="col" className={th}>
                    Recent decisions
                  </th>
                  <th scope="col" className={th}>
                    Actions
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {d.rows.map((r) => (
                  <tr key={r.workstream.id} className="nhsuk-table__row">
                    <th scope="row" className={th}>
                      <a href={`/workstreams/${r.workstream.slug}`}>{r.workstream.name}</a>
                      {!r.workstream.published ? <span className={small}>Not published</span> : null}
                    </th>
                    <td className={td}>
                      <a href={`/milestones?workstreamId=${r.workstream.id}&within=${d.dueWithinDays}`}>
                        {r.milestonesDue} due
                        <span className="nhsuk-u-visually-hidden">
                          {" "}
                          in the next {d.dueWithinDays} days for {r.workstream.name}
                        </span>
                      </a>
                      <span className="nhsuk-u-display-block">
                        {r.milestonesLate > 0 ? (
                          <a href={`/milestones?workstreamId=${r.workstream.id}&within=${d.dueWithinDays}`}>
                            <strong>{r.milestonesLate} late</strong>
                            <span className="nhsuk-u-visually-hidden"> for {r.workstream.name}</span>
                          </a>
                        ) : (
                          "0 late"
                        )}
                      </span>
                    </td>
                    <td className={td}>
                      {r.topRisk ? (
                        <>
                          <BandTag score={r.topRisk.score} band={r.topRisk.band} />{" "}
                          <a href={`/risks/${r.topRisk.id}`}>
                            R{r.topRisk.reference} {r.topRisk.title}
                          </a>
                          <span className={small}>
                            <a href={`/workstreams/${r.workstream.id}/risks`}>
                              {plural(r.openRisks, "open risk")}
                              <span className="nhsuk-u-visually-hidden"> of {r.workstream.name}</span>
                            </a>
                          </span>
                        </>
                      ) : (
                        "No open risks"
                      )}
                    </td>
                    <td className={td}>
                      {r.recentDecisions.length === 0 ? (
                        "None recorded"
                      ) : (
                        <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                          {r.recentDecisions.map((dec) => (
                            <li key={dec.id} className="nhsuk-u-margin-bottom-1">
                              <a href={`/decisions/${dec.id}`}>{dec.text.length > 90 ? `${dec.text.slice(0, 89)}…` : dec.text}</a>
                              <span className={small}>
                                {dec.bodyName}, {formatDate(dec.decidedOn)}
                              </span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className={td}>
                      <a href={`/workstreams/${r.workstream.slug}/actions?status=outstanding`}>
                        {r.actions.outstanding} outstanding<span className="nhsuk-u-visually-hidden"> actions of {r.workstream.name}</span>
                      </a>
                      {r.actions.overdue > 0 ? (
                        <span className="nhsuk-u-display-block">
                          <a href={`/workstreams/${r.workstream.slug}/actions?status=overdue`}>
                            <strong>{r.actions.overdue} overdue</strong>
                            <span className="nhsuk-u-visually-hidden"> actions of {r.workstream.name}</span>
                          </a>
                        </span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>

          <h2>RAG ratings</h2>
          <RagChart rows={d.rows} />
          <ScrollRegion label="RAG ratings by workstream">
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption">RAG ratings from each workstream’s latest highlight report</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className={th}>
                    Workstream
                  </th>
                  <th scope="col" className={th}>
                    Report
                  </th>
                  {DIMENSIONS.map((dim) => (
                    <th key={dim.key} scope="col" className={th}>
                      {dim.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {d.rows.map((r) => (
                  <tr key={r.workstream.id} className="nhsuk-table__row">
                    <th scope="row" className={th}>
                      {r.workstream.name}
                    </th>
                    {r.report ? (
                      <>
                        <td className={td}>
                          <a href={`/highlight-reports/${r.report.id}`}>
                            {monthLabel(r.report.month)}
                            <span className="nhsuk-u-visually-hidden"> highlight report of {r.workstream.name}</span>
                          </a>
                        </td>
                        {DIMENSIONS.map((dim) => (
                          <RagCell key={dim.key} rating={r.report![dim.key]} />
                        ))}
                      </>
                    ) : (
                      <>
                        <td className={td}>No report yet</td>
                        {DIMENSIONS.map((dim) => (
                          <td key={dim.key} className={td}>
                            <RagTag rag={null} />
                          </td>
                        ))}
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>

          <h2>Budget {year}</h2>
          {withBudget.length === 0 ? (
            <p>No workstream has a plan for {year} that you can see.</p>
          ) : (
            <>
              <BudgetBarChart
                id="dashboard-budget-chart"
                title={`Planned budget and forecast outturn by workstream, ${year}`}
                description={`${withBudget.map((r) => `${r.workstream.name}: planned ${money(r.budget!.plannedPence)}, forecast ${money(r.budget!.forecastOutturnPence)}`).join("; ")}. The table below gives the same figures.`}
                bars={withBudget.map((r) => ({
                  label: r.workstream.name,
                  plannedPence: r.budget!.plannedPence,
                  forecastOutturnPence: r.budget!.forecastOutturnPence,
                }))}
              />
              <ScrollRegion label={`Budget by workstream, ${year}`}>
                <table className="nhsuk-table">
                  <caption className="nhsuk-table__caption">Budget by workstream, {year}: planned against forecast outturn</caption>
                  <thead className="nhsuk-table__head">
                    <tr className="nhsuk-table__row">
                      <th scope="col" className={th}>
                        Workstream
                      </th>
                      <th scope="col" className={thNum}>
                        Planned
                      </th>
                      <th scope="col" className={thNum}>
                        Actual to date
                      </th>
                      <th scope="col" className={thNum}>
                        Forecast outturn
                      </th>
                      <th scope="col" className={thNum}>
                        Variance
                      </th>
                    </tr>
                  </thead>
                  <tbody className="nhsuk-table__body">
                    {withBudget.map((r) => (
                      <tr key={r.workstream.id} className="nhsuk-table__row">
                        <th scope="row" className={th}>
                          <a href={`/plans/${r.budget!.planId}`}>{r.workstream.name}</a>
                          {r.budget!.planStatus !== "approved" ? <span className={small}>{PLAN_STATUS_LABELS[r.budget!.planStatus]} plan</span> : null}
                        </th>
                        <td className={tdNum}>{money(r.budget!.plannedPence)}</td>
                        <td className={tdNum}>{money(r.budget!.actualToDatePence)}</td>
                        <td className={tdNum}>{money(r.budget!.forecastOutturnPence)}</td>
                        <td className={tdNum}>
                          <Variance pence={r.budget!.variancePence} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr className="nhsuk-table__row">
                      <th scope="row" className={th}>
                        Portfolio
                      </th>
                      <td className={tdNum}>
                        <strong>{money(d.budgetTotals.plannedPence)}</strong>
                      </td>
                      <td className={tdNum}>
                        <strong>{money(d.budgetTotals.actualToDatePence)}</strong>
                      </td>
                      <td className={tdNum}>
                        <strong>{money(d.budgetTotals.forecastOutturnPence)}</strong>
                      </td>
                      <td className={tdNum}>
                        <strong>
                          <Variance pence={d.budgetTotals.variancePence} />
                        </strong>
                      </td>
                    </tr>
                  </tfoot>
                </table>
              </ScrollRegion>
            </>
          )}

          <h2>Top risks</h2>
          {d.topRisks.length === 0 ? (
            <p>There are no open risks that you can see.</p>
          ) : (
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption">Open risks with the highest current scores</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className={th}>
                    Risk
                  </th>
                  <th scope="col" className={th}>
                    Workstream
                  </th>
                  <th scope="col" className={th}>
                    Current score
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {d.topRisks.map((r) => (
                  <tr key={r.id} className="nhsuk-table__row">
                    <td className={td}>
                      <a href={`/risks/${r.id}`}>
                        R{r.reference} {r.title}
                      </a>
                    </td>
                    <td className={td}>{r.workstream ? r.workstream.name : "Portfolio"}</td>
                    <td className={td}>
                      <BandTag score={r.score} band={r.band} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>Objectives and workstreams</h2>
          <ObjectivesMatrix dashboard={d} />
        </>
      )}
      <RegistersAndReports insider={isInsider(ctx.principal)} />
    </Layout>
  );
}

/** Where the portfolio's registers and reports are (the highlight-report overview is for insiders). */
function RegistersAndReports({ insider }: { insider: boolean }) {
  return (
    <section aria-labelledby="registers-heading">
      <h2 id="registers-heading">Registers and reports</h2>
      <ul>
        <li>
          <a href="/risks">Risks</a>
        </li>
        <li>
          <a href="/issues">Issues</a>
        </li>
        <li>
          <a href="/milestones">Milestones</a>
        </li>
        {insider ? (
          <li>
            <a href="/highlight-reports">Highlight reports</a>
          </li>
        ) : null}
        <li>
          <a href="/maturity">Maturity frameworks</a>
        </li>
        <li>
          <a href="/portfolio/budget">Portfolio budget</a>
        </li>
      </ul>
    </section>
  );
}

function ObjectivesMatrix({ dashboard: d }: { dashboard: Dashboard }) {
  if (d.objectives.length === 0) return <p>The partnership has not set its objectives.</p>;
  return (
    <ScrollRegion label="Contribution of each workstream to each objective">
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">Contribution of each workstream to the partnership’s objectives: none, some or major, and why</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className={th}>
              Workstream
            </th>
            {d.objectives.map((o) => (
              <th key={o.id} scope="col" className={th}>
                {o.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {d.rows.map((r) => (
            <tr key={r.workstream.id} className="nhsuk-table__row">
              <th scope="row" className={th}>
                {r.workstream.name}
              </th>
              {d.objectives.map((o) => {
                const c = d.contributions[r.workstream.id]?.[o.id];
                const level = c?.level ?? "none";
                return (
                  <td key={o.id} className={td}>
                    {level === "major" ? <strong>{CONTRIBUTION_LABELS[level]}</strong> : CONTRIBUTION_LABELS[level]}
                    {c?.rationale ? <span className={small}>{c.rationale}</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

// ---------------------------------------------------------------------------------------------
// Deep dives

function MilestoneTable({ caption, milestones, achieved }: { caption: string; milestones: DeepDiveMilestone[]; achieved: boolean }) {
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className={th}>
            Milestone
          </th>
          <th scope="col" className={th}>
            Baseline
          </th>
          <th scope="col" className={th}>
            {achieved ? "Achieved" : "Forecast"}
          </th>
          <th scope="col" className={th}>
            {achieved ? "Slippage" : "Status now"}
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {milestones.map((m) => (
          <tr key={m.id} className="nhsuk-table__row">
            <td className={td}>
              <a href={`/milestones/${m.id}`}>{m.title}</a>
              {m.description ? <span className={small}>{m.description}</span> : null}
            </td>
            <td className={td}>{formatDate(m.baselineOn)}</td>
            <td className={td}>{achieved ? formatDate(m.actualOn) : m.forecastOn ? formatDate(m.forecastOn) : "Not forecast"}</td>
            <td className={td}>{achieved ? slippageText(m.slippageDays) : `${MILESTONE_STATUS_LABELS[m.status]} (${slippageText(m.slippageDays)})`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ProductList({ products, delivered }: { products: DeepDiveProduct[]; delivered: boolean }) {
  return (
    <ul>
      {products.map((p) => (
        <li key={p.id}>
          <a href={`/products/${p.id}`}>{p.title}</a>
          {delivered ? `, delivered ${formatDate(p.deliveredOn)}` : p.plannedOn ? `, planned for ${formatDate(p.plannedOn)}` : ""}
          {p.evidenceUrl && delivered ? (
            <>
              {" "}
              (
              <a href={p.evidenceUrl}>
                evidence<span className="nhsuk-u-visually-hidden"> for {p.title}</span>
              </a>
              )
            </>
          ) : null}
          {p.description ? <span className={small}>{p.description}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The generated deep-dive section of a deep-dive agenda item: progress, milestones achieved and to
 * come, products delivered, key risks and issues and how they are managed, budget against plan and
 * contribution to the objectives, as of the meeting date. `level` is the heading level of its
 * title (2 on the agenda item and its own page); sub-headings follow in order.
 */
export function DeepDiveSection({ deepDive: d, level = 2, linkToPage = true }: { deepDive: DeepDive; level?: 2 | 3; linkToPage?: boolean }) {
  const H = level === 2 ? "h2" : "h3";
  const S = level === 2 ? "h3" : "h4";
  const anyExample =
    d.milestonesAchieved.some((m) => m.isExample) ||
    d.milestonesUpcoming.some((m) => m.isExample) ||
    d.keyRisks.some((r) => r.isExample) ||
    (d.budget?.isExample ?? false);
  const page = `/meetings/${d.meeting.id}/items/${d.agendaItem.id}/deep-dive`;
  return (
    <section aria-labelledby="deep-dive-heading" className="app-deep-dive">
      <H id="deep-dive-heading">
        Deep dive: {d.workstream.name}, as at {formatDate(d.asOf)}
      </H>
      <p>
        Drawn from the <a href={`/workstreams/${d.workstream.slug}`}>{d.workstream.name} workstream</a>’s live records as they stood on the day of the meeting:
        anything achieved after {formatDate(d.asOf)} is shown as still to come.
        {linkToPage ? (
          <>
            {" "}
            <a href={page}>View the deep dive on its own page</a>.
          </>
        ) : null}
      </p>
      {anyExample ? (
        <InsetText>
          <p>Records marked “(example)” and plans with example figures are illustrative, not real.</p>
        </InsetText>
      ) : null}

      <S>Progress to date</S>
      {d.progress ? (
        <>
          <p>
            Latest highlight report ({monthLabel(d.progress.month)}): overall <RagTag rag={d.progress.overallRag} />
            {d.progress.overallReason ? ` – ${d.progress.overallReason}` : ""}
          </p>
          {d.progress.achievements ? <p>{d.progress.achievements}</p> : null}
        </>
      ) : (
        <p>No highlight report before the meeting.</p>
      )}

      <S>Milestones achieved</S>
      {d.milestonesAchieved.length === 0 ? (
        <p>No milestones achieved by {formatDate(d.asOf)}.</p>
      ) : (
        <MilestoneTable caption={`Milestones achieved by ${formatDate(d.asOf)}`} milestones={d.milestonesAchieved} achieved />
      )}
      <S>Milestones to come</S>
      {d.milestonesUpcoming.length === 0 ? (
        <p>No milestones still to come.</p>
      ) : (
        <MilestoneTable caption={`Milestones not yet achieved on ${formatDate(d.asOf)}`} milestones={d.milestonesUpcoming} achieved={false} />
      )}

      <S>Products delivered</S>
      {d.productsDelivered.length === 0 ? <p>No products delivered by {formatDate(d.asOf)}.</p> : <ProductList products={d.productsDelivered} delivered />}
      {d.productsPlanned.length > 0 ? (
        <>
          <S>Products to come</S>
          <ProductList products={d.productsPlanned} delivered={false} />
        </>
      ) : null}

      <S>Key risks and how they are managed</S>
      {d.keyRisks.length === 0 ? (
        <p>No open risks.</p>
      ) : (
        <ol className="nhsuk-list">
          {d.keyRisks.map((r) => (
            <li key={r.id} className="nhsuk-u-margin-bottom-4">
              <p className="nhsuk-u-margin-bottom-1">
                <a href={`/risks/${r.id}`}>
                  <strong>
                    R{r.reference} {r.title}
                  </strong>
                </a>{" "}
                <BandTag score={r.score.score} band={r.score.band} />
              </p>
              {r.cause || r.event || r.effect ? (
                <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                  {r.cause ? `Because of ${r.cause}, ` : ""}
                  {r.event ? `${r.event}` : ""}
                  {r.effect ? `, leading to ${r.effect}` : ""}.
                </p>
              ) : null}
              <dl className="nhsuk-summary-list nhsuk-u-margin-bottom-2">
                <div className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">Owner</dt>
                  <dd className="nhsuk-summary-list__value">{r.ownerName ?? "Not assigned"}</dd>
                </div>
                <div className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">Target score</dt>
                  <dd className="nhsuk-summary-list__value">
                    {r.target.score} ({BAND_LABELS[r.target.band]})
                  </dd>
                </div>
                <div className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">Controls</dt>
                  <dd className="nhsuk-summary-list__value">{r.controls || "None recorded"}</dd>
                </div>
                <div className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">Assurances</dt>
                  <dd className="nhsuk-summary-list__value">{r.assurances || "None recorded"}</dd>
                </div>
                <div className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">Mitigating actions</dt>
                  <dd className="nhsuk-summary-list__value">
                    {r.actions.length === 0 ? (
                      "None recorded"
                    ) : (
                      <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                        {r.actions.map((a) => (
                          <li key={a.id}>
                            <a href={`/actions/${a.id}`}>{a.description}</a> ({a.ownerName}
                            {a.dueOn ? `, due ${formatDate(a.dueOn)}` : ""}
                            {a.overdue ? ", overdue" : ""})
                          </li>
                        ))}
                      </ul>
                    )}
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ol>
      )}
      {d.otherOpenRisks > 0 ? (
        <p>
          And <a href={`/workstreams/${d.workstream.id}/risks`}>{plural(d.otherOpenRisks, "other open risk")}</a>.
        </p>
      ) : null}

      <S>Issues</S>
      {d.issues.length === 0 ? (
        <p>No open issues at the meeting.</p>
      ) : (
        <ul>
          {d.issues.map((i) => (
            <li key={i.id}>
              <a href={`/issues/${i.id}`}>
                I{i.reference} {i.title}
              </a>{" "}
              ({ISSUE_PRIORITY_LABELS[i.priority]} priority{i.ownerName ? `, owner ${i.ownerName}` : ""})
              {i.impact ? <span className={small}>Impact: {i.impact}</span> : null}
            </li>
          ))}
        </ul>
      )}

      <S>Budget against plan</S>
      {d.budget ? (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            Budget against the <a href={`/plans/${d.budget.planId}`}>{d.budget.financialYearLabel} plan</a> (
            {PLAN_STATUS_LABELS[d.budget.planStatus].toLowerCase()}
            {d.budget.isExample ? ", example figures" : ""}), to the end of the month before the meeting
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className={th}>
                Measure
              </th>
              <th scope="col" className={thNum}>
                Amount
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {(
              [
                [`Planned to date (${plural(d.budget.monthsToDate, "month")})`, money(d.budget.plannedToDatePence)],
                ["Actual to date", money(d.budget.actualToDatePence)],
                ["Variance to date", <Variance key="v" pence={d.budget.varianceToDatePence} />],
                ["Full-year plan", money(d.budget.fullYearPlannedPence)],
                ["Forecast outturn", money(d.budget.forecastOutturnPence)],
                ["Variance (forecast outturn against plan)", <Variance key="v2" pence={d.budget.variancePence} />],
              ] as [string, ReactNode][]
            ).map(([label, value]) => (
              <tr key={label} className="nhsuk-table__row">
                <th scope="row" className={th}>
                  {label}
                </th>
                <td className={tdNum}>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No plan for the financial year of the meeting.</p>
      )}

      <S>Contribution to the objectives</S>
      {d.contributions.length === 0 ? (
        <p>The partnership has not set its objectives.</p>
      ) : (
        <dl className="nhsuk-summary-list">
          {d.contributions.map((c) => (
            <div key={c.objectiveId} className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">{c.objectiveTitle}</dt>
              <dd className="nhsuk-summary-list__value">
                {CONTRIBUTION_LABELS[c.level]}
                {c.rationale ? ` – ${c.rationale}` : ""}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/** The deep dive on a page of its own. */
export function DeepDivePage({ ctx, deepDive: d }: { ctx: ViewContext; deepDive: DeepDive }) {
  return (
    <Layout
      ctx={ctx}
      title={`Deep dive: ${d.workstream.name}, ${formatDate(d.asOf)}`}
      beforeContent={<BackLink href={`/meetings/${d.meeting.id}/items/${d.agendaItem.id}`}>Agenda item</BackLink>}
    >
      <span className="nhsuk-caption-l">
        {d.meeting.bodyName}, {formatDate(d.asOf)}, item {d.agendaItem.number}
      </span>
      <h1>{d.agendaItem.title}</h1>
      <DeepDiveSection deepDive={d} linkToPage={false} />
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// The decision side of the links

/** "What this decision changed": the plans, budgets, milestones and risks it changed, with links. */
export function DecisionEffectsSection({ effects }: { effects: readonly DecisionEffectView[] }) {
  if (effects.length === 0) return null;
  return (
    <section aria-labelledby="decision-effects-heading">
      <h2 id="decision-effects-heading">What this decision changed</h2>
      <ul>
        {effects.map((e) => (
          <li key={e.id}>
            {EFFECT_KIND_LABELS[e.kind]}: <EffectTarget effect={e} /> of the <a href={`/workstreams/${e.workstream.slug}`}>{e.workstream.name}</a> workstream
            {e.note ? <span className={small}>{e.note}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function EffectTarget({ effect: e }: { effect: DecisionEffectView }) {
  const t = e.target;
  if (!t) return <>a record</>;
  switch (t.type) {
    case "plan":
      return (
        <a href={`/plans/${t.id}`}>
          the {t.financialYearLabel} plan{t.revision > 1 ? ` (revision ${t.revision})` : ""}
        </a>
      );
    case "milestone":
      return (
        <>
          milestone <a href={`/milestones/${t.id}`}>{t.title}</a>
        </>
      );
    case "risk":
      return (
        <>
          risk{" "}
          <a href={`/risks/${t.id}`}>
            R{t.reference} {t.title}
          </a>
        </>
      );
  }
}

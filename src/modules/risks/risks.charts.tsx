import { Details, Table } from "nhsuk-react-components";
import { formatDate } from "../../platform/views/components.tsx";
import { BAND_LABELS, bandOf, CONSEQUENCE_LABELS, LIKELIHOOD_LABELS, RATINGS, scoreOf, type Band, type BandThresholds } from "./scoring.ts";
import type { HeatMap } from "./risks.service.ts";

// Server-rendered charts: SVG with role="img", a <title> and <desc>, colours set by presentation
// attributes (the content security policy allows no inline styles), every cell labelled in text,
// and a table alternative beside each chart.

/** Fill and text colours of each band (NHS palette; text contrast at least 4.5:1). */
export const BAND_COLOURS: Record<Band, { fill: string; text: string }> = {
  low: { fill: "#007f3b", text: "#ffffff" },
  moderate: { fill: "#ffeb3b", text: "#212b32" },
  high: { fill: "#ed8b00", text: "#212b32" },
  extreme: { fill: "#d5281b", text: "#ffffff" },
};

const CELL_W = 92;
const CELL_H = 58;
const LEFT = 150;
const TOP = 10;
const BOTTOM = 78;

/**
 * The 5×5 heat map of open risks by current likelihood (rows, 5 at the top) and consequence
 * (columns): each cell coloured by its band and labelled with its count and band in words; the
 * same counts as a table below.
 */
export function HeatMapFigure({ id, grid, bands, caption }: { id: string; grid: HeatMap; bands: BandThresholds; caption: string }) {
  const width = LEFT + CELL_W * 5 + 10;
  const height = TOP + CELL_H * 5 + BOTTOM;
  const total = grid.flat().reduce((a, b) => a + b, 0);
  const rows = [...RATINGS].reverse();
  return (
    <figure className="app-heat-map nhsuk-u-margin-bottom-5" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="nhsuk-heading-s">
        {caption}
      </figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        xmlns="http://www.w3.org/2000/svg"
        focusable="false"
      >
        <title id={`${id}-title`}>{caption}</title>
        <desc id={`${id}-desc`}>
          {total === 0
            ? "No open risks."
            : `${total} open ${total === 1 ? "risk" : "risks"} on the 5 by 5 matrix of likelihood by consequence. The table that follows gives the count in each cell.`}
        </desc>
        {rows.map((l, rowIndex) => (
          <g key={l}>
            <text x={LEFT - 8} y={TOP + rowIndex * CELL_H + CELL_H / 2 + 4} textAnchor="end" fontSize="13" fill="#212b32">
              {`${l} ${LIKELIHOOD_LABELS[l]}`}
            </text>
            {RATINGS.map((c, colIndex) => {
              const score = scoreOf(l, c);
              const band = bandOf(score, bands);
              const colour = BAND_COLOURS[band];
              const count = grid[l - 1]![c - 1]!;
              const x = LEFT + colIndex * CELL_W;
              const y = TOP + rowIndex * CELL_H;
              return (
                <g key={c}>
                  <rect x={x} y={y} width={CELL_W - 2} height={CELL_H - 2} fill={colour.fill} stroke="#ffffff" />
                  <text x={x + CELL_W / 2 - 1} y={y + 26} textAnchor="middle" fontSize="20" fontWeight="bold" fill={colour.text}>
                    {String(count)}
                  </text>
                  <text x={x + CELL_W / 2 - 1} y={y + 46} textAnchor="middle" fontSize="11" fill={colour.text}>
                    {`${BAND_LABELS[band]} (${score})`}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
        {RATINGS.map((c, colIndex) => (
          <g key={c}>
            <text x={LEFT + colIndex * CELL_W + CELL_W / 2} y={TOP + CELL_H * 5 + 18} textAnchor="middle" fontSize="13" fill="#212b32">
              {String(c)}
            </text>
            <text x={LEFT + colIndex * CELL_W + CELL_W / 2} y={TOP + CELL_H * 5 + 34} textAnchor="middle" fontSize="11" fill="#212b32">
              {CONSEQUENCE_LABELS[c]}
            </text>
          </g>
        ))}
        <text x={LEFT + (CELL_W * 5) / 2} y={TOP + CELL_H * 5 + 62} textAnchor="middle" fontSize="14" fontWeight="bold" fill="#212b32">
          Consequence
        </text>
        <text
          x={14}
          y={TOP + (CELL_H * 5) / 2}
          textAnchor="middle"
          fontSize="14"
          fontWeight="bold"
          fill="#212b32"
          transform={`rotate(-90 14 ${TOP + (CELL_H * 5) / 2})`}
        >
          Likelihood
        </text>
      </svg>
      <p className="nhsuk-body-s">
        Bands: low below {bands.moderateFrom}; moderate {bands.moderateFrom} to {bands.highFrom - 1}; high {bands.highFrom} to {bands.extremeFrom - 1}; extreme{" "}
        {bands.extremeFrom} to 25. Each cell shows the number of open risks and the cell&rsquo;s band and score.
      </p>
      <Details>
        <Details.Summary>Show the heat map as a table</Details.Summary>
        <Details.Text>
          <HeatMapTable grid={grid} bands={bands} caption={caption} />
        </Details.Text>
      </Details>
    </figure>
  );
}

/** The heat map's counts as a table: likelihood rows (5 first) by consequence columns. */
export function HeatMapTable({ grid, bands, caption }: { grid: HeatMap; bands: BandThresholds; caption: string }) {
  return (
    <Table caption={`${caption}: number of open risks by likelihood (rows) and consequence (columns)`} captionProps={{ className: "nhsuk-u-font-size-16" }}>
      <Table.Head>
        <Table.Row>
          <Table.Cell>Likelihood</Table.Cell>
          {RATINGS.map((c) => (
            <Table.Cell key={c}>{`Consequence ${c} ${CONSEQUENCE_LABELS[c]}`}</Table.Cell>
          ))}
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {[...RATINGS].reverse().map((l) => (
          <Table.Row key={l}>
            <th scope="row" className="nhsuk-table__header">{`${l} ${LIKELIHOOD_LABELS[l]}`}</th>
            {RATINGS.map((c) => {
              const score = scoreOf(l, c);
              return <Table.Cell key={c}>{`${grid[l - 1]![c - 1]} (score ${score}, ${BAND_LABELS[bandOf(score, bands)].toLowerCase()})`}</Table.Cell>;
            })}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

/** A small line of a risk's current score over its reviews (the review table is its alternative). */
export function ScoreLine({ points, bands }: { points: { reviewedOn: string; score: number }[]; bands: BandThresholds }) {
  if (points.length === 0) return null;
  const width = 520;
  const height = 180;
  const left = 36;
  const right = 12;
  const top = 10;
  const bottom = 34;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (i: number) => left + (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (score: number) => top + plotH - ((score - 1) / 24) * plotH;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const desc =
    points.length === 1
      ? `One review, on ${formatDate(first.reviewedOn)}: score ${first.score}.`
      : `${points.length} reviews from ${formatDate(first.reviewedOn)} (score ${first.score}) to ${formatDate(last.reviewedOn)} (score ${last.score}).`;
  return (
    <svg
      role="img"
      aria-labelledby="score-line-title score-line-desc"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      xmlns="http://www.w3.org/2000/svg"
      focusable="false"
      className="app-score-line"
    >
      <title id="score-line-title">Current score over time</title>
      <desc id="score-line-desc">{desc} The table of reviews gives every score.</desc>
      {[
        { from: 1, to: bands.moderateFrom - 1, band: "low" as const },
        { from: bands.moderateFrom, to: bands.highFrom - 1, band: "moderate" as const },
        { from: bands.highFrom, to: bands.extremeFrom - 1, band: "high" as const },
        { from: bands.extremeFrom, to: 25, band: "extreme" as const },
      ].map((b) => (
        <rect
          key={b.band}
          x={left}
          y={y(b.to + 0.5 > 25 ? 25 : b.to + 0.5)}
          width={plotW}
          height={Math.max(0, y(b.from - 0.5 < 1 ? 1 : b.from - 0.5) - y(b.to + 0.5 > 25 ? 25 : b.to + 0.5))}
          fill={BAND_COLOURS[b.band].fill}
          opacity="0.18"
        />
      ))}
      {[1, 5, 10, 15, 20, 25].map((s) => (
        <text key={s} x={left - 6} y={y(s) + 4} textAnchor="end" fontSize="11" fill="#212b32">
          {String(s)}
        </text>
      ))}
      <polyline points={points.map((p, i) => `${x(i)},${y(p.score)}`).join(" ")} fill="none" stroke="#005eb8" strokeWidth="3" />
      {points.map((p, i) => (
        <circle key={i} cx={x(i)} cy={y(p.score)} r="5" fill="#005eb8" />
      ))}
      <text x={left} y={height - 10} fontSize="11" fill="#212b32">
        {formatDate(first.reviewedOn)}
      </text>
      {points.length > 1 ? (
        <text x={left + plotW} y={height - 10} textAnchor="end" fontSize="11" fill="#212b32">
          {formatDate(last.reviewedOn)}
        </text>
      ) : null}
    </svg>
  );
}

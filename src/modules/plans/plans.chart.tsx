import { formatPence } from "../../platform/money.ts";

/** One workstream's bars: what was planned and what is now forecast. */
export interface BudgetBar {
  label: string;
  plannedPence: number;
  forecastOutturnPence: number;
}

const WIDTH = 720;
const LABEL_WIDTH = 220;
const VALUE_WIDTH = 130;
const BAR_AREA = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
const BAR_HEIGHT = 14;
const ROW_HEIGHT = 44;
const TOP = 40;
const PLANNED_COLOUR = "#005eb8";
const FORECAST_COLOUR = "#330072";

function truncate(text: string, max = 30): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A server-rendered bar chart of planned budget against forecast outturn per workstream, with a
 * title and description for assistive technology; the page carries the same figures as a table.
 * Bar lengths are drawing geometry only: the figures shown are formatted from exact pence.
 */
export function BudgetBarChart({ id, title, description, bars }: { id: string; title: string; description: string; bars: BudgetBar[] }) {
  const max = Math.max(1, ...bars.flatMap((b) => [b.plannedPence, b.forecastOutturnPence]));
  const length = (pence: number) => Math.max(0, Math.round((Math.max(0, pence) / max) * BAR_AREA));
  const height = TOP + bars.length * ROW_HEIGHT + 10;
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width={WIDTH}
      className="app-chart"
      xmlns="http://www.w3.org/2000/svg"
      fontFamily="Frutiger W01, Arial, sans-serif"
      fontSize="13"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <g aria-hidden="true">
        <rect x={LABEL_WIDTH} y={8} width={12} height={12} fill={PLANNED_COLOUR} />
        <text x={LABEL_WIDTH + 18} y={18} fill="#212b32">
          Planned
        </text>
        <rect x={LABEL_WIDTH + 100} y={8} width={12} height={12} fill={FORECAST_COLOUR} />
        <text x={LABEL_WIDTH + 118} y={18} fill="#212b32">
          Forecast outturn
        </text>
        {bars.map((b, i) => {
          const y = TOP + i * ROW_HEIGHT;
          return (
            <g key={`${b.label}-${i}`}>
              <text x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT + 4} textAnchor="end" fill="#212b32">
                {truncate(b.label)}
              </text>
              <rect x={LABEL_WIDTH} y={y} width={length(b.plannedPence)} height={BAR_HEIGHT} fill={PLANNED_COLOUR} />
              <text x={LABEL_WIDTH + length(b.plannedPence) + 6} y={y + BAR_HEIGHT - 2} fill="#212b32">
                {formatPence(b.plannedPence, { wholePounds: true })}
              </text>
              <rect x={LABEL_WIDTH} y={y + BAR_HEIGHT + 2} width={length(b.forecastOutturnPence)} height={BAR_HEIGHT} fill={FORECAST_COLOUR} />
              <text x={LABEL_WIDTH + length(b.forecastOutturnPence) + 6} y={y + 2 * BAR_HEIGHT} fill="#212b32">
                {formatPence(b.forecastOutturnPence, { wholePounds: true })}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}

import { formatPence } from "../money.ts";

/** Variance as people read it: overspends positive, underspends negative, with words for screen readers too. */
export function Variance({ pence }: { pence: number }) {
  if (pence === 0) return <>{formatPence(0)}</>;
  return (
    <>
      {pence > 0 ? `+${formatPence(pence)}` : formatPence(pence)}
      <span className="nhsuk-u-visually-hidden">{pence > 0 ? " (overspend)" : " (underspend)"}</span>
    </>
  );
}

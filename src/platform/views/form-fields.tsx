import type { ReactNode } from "react";
import { DateInput, Radios } from "nhsuk-react-components";
import type { FieldErrors } from "../http/errors.ts";

// Form pieces every module's pages share: the NHS.UK back link, the warning shown when someone
// else saved first, a day-month-year date input, a yes/no choice.

/** The NHS.UK back link above a page's main content. */
/** The NHS.UK (v10) back link. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a className="nhsuk-back-link" href={href}>
      {children}
    </a>
  );
}

/** The warning callout shown when someone else saved a record first. */
export function ConflictCallout({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <div className="nhsuk-warning-callout">
      <h2 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {heading}
        </span>
      </h2>
      {children}
    </div>
  );
}

/** An ISO date as the three fields of a date input. */
export function dateParts(name: string, isoDate: string | null): Record<string, string> {
  if (!isoDate) return {};
  const [year, month, day] = isoDate.split("-");
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? "" };
}

/** An NHS.UK date input (day, month, year) named `<name>-day` etc., showing what was typed. */
export function NhsDate({
  name,
  legend,
  hint,
  values,
  errors,
}: {
  name: string;
  legend: string;
  hint?: string;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  return (
    <DateInput
      id={name}
      name={name}
      legend={legend}
      legendProps={{ size: "s" }}
      hint={hint ?? "For example, 4 12 2017"}
      error={errors[name]}
      defaultValue={{ day: values[`${name}-day`] ?? "", month: values[`${name}-month`] ?? "", year: values[`${name}-year`] ?? "" }}
    >
      <DateInput.Day />
      <DateInput.Month />
      <DateInput.Year />
    </DateInput>
  );
}

/** A Yes/No radio pair whose values are "yes" and "no". */
export function YesNo({
  name,
  legend,
  hint,
  values,
  errors,
}: {
  name: string;
  legend: string;
  hint?: string;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  return (
    <Radios id={name} name={name} legend={legend} legendProps={{ size: "s" }} hint={hint} error={errors[name]} inline>
      <Radios.Item value="yes" defaultChecked={values[name] === "yes"}>
        Yes
      </Radios.Item>
      <Radios.Item value="no" defaultChecked={values[name] === "no"}>
        No
      </Radios.Item>
    </Radios>
  );
}

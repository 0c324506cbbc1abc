import { Button, Checkboxes, Fieldset, Select, Textarea, TextInput, WarningCallout } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, formTitle } from "../../platform/views/components.tsx";
import type { FieldErrors } from "../../platform/http/errors.ts";
import type { PartnershipObjectiveRow, PartnershipRow } from "./partnerships.tables.ts";
import { BLANK_OBJECTIVE_ROWS, DEFAULT_FINANCIAL_YEAR_START_MONTH, MONTHS, fieldId, objectiveField } from "./partnerships.schema.ts";

/** The settings form's values for the partnership as saved, with blank rows for new objectives. */
export function settingsFormValues(row: PartnershipRow, objectives: PartnershipObjectiveRow[]): Record<string, string> {
  const values: Record<string, string> = {
    name: row.name,
    shortName: row.shortName,
    financialYearStartMonth: String(row.financialYearStartMonth),
    version: String(row.version),
  };
  objectives.forEach((o, index) => {
    values[objectiveField(index, "id")] = o.id;
    values[objectiveField(index, "title")] = o.title;
    values[objectiveField(index, "description")] = o.description;
  });
  for (let index = objectives.length; index < objectives.length + BLANK_OBJECTIVE_ROWS; index++) {
    values[objectiveField(index, "title")] = "";
    values[objectiveField(index, "description")] = "";
  }
  return values;
}

/** How many objective rows a set of form values holds (the highest row index plus one). */
function objectiveRowCount(values: Record<string, string>): number {
  let count = 0;
  for (const key of Object.keys(values)) {
    const match = /^objectives\.(\d{1,2})\./.exec(key);
    if (match) count = Math.max(count, Number(match[1]) + 1);
  }
  return count;
}

/**
 * The partnership settings form for administrators: name, short name, financial year, and the
 * objectives as rows (existing ones plus blank ones to add), so it all works without JavaScript.
 */
export function PartnershipSettingsPage(props: {
  ctx: ViewContext;
  values: Record<string, string>;
  errors: FieldErrors;
  /** When the save was refused because someone else saved first: the settings as they now are. */
  conflict?: PartnershipRow | undefined;
}) {
  const { ctx, values, errors } = props;
  const rows = objectiveRowCount(values);
  const fieldIds = Object.fromEntries(Object.keys(errors).map((k) => [k, k === "_form" || k === "version" ? "name" : fieldId(k)]));
  return (
    <Layout ctx={ctx} title={formTitle("Partnership settings", errors)}>
      <FormErrorSummary errors={errors} fieldIds={fieldIds} />
      <h1>Partnership settings</h1>
      {props.conflict ? (
        <WarningCallout>
          <WarningCallout.Heading headingLevel="h2">Someone else saved these settings first</WarningCallout.Heading>
          <p>
            The partnership is now called “{props.conflict.name}” ({props.conflict.shortName}), with its financial year starting in{" "}
            {MONTHS[props.conflict.financialYearStartMonth - 1] ?? "April"}. Your changes are below and have not been saved. Check the objectives, then save
            again to replace their version with yours.
          </p>
        </WarningCallout>
      ) : null}
      <form method="post" action="/partnership/settings" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? ""} />
        <h2>Details</h2>
        <TextInput label="Name" id="name" name="name" defaultValue={values.name ?? ""} error={errors.name} autoComplete="organization" spellCheck={false} />
        <TextInput
          label="Short name"
          hint="Used where space is short, for example “Kent and Medway STP”"
          id="shortName"
          name="shortName"
          defaultValue={values.shortName ?? ""}
          error={errors.shortName}
          width={20}
        />
        <Select
          label="Financial year starts in"
          hint="The NHS financial year starts in April"
          id="financialYearStartMonth"
          name="financialYearStartMonth"
          defaultValue={values.financialYearStartMonth || String(DEFAULT_FINANCIAL_YEAR_START_MONTH)}
          error={errors.financialYearStartMonth}
        >
          {MONTHS.map((month, index) => (
            <Select.Option key={month} value={String(index + 1)}>
              {month}
            </Select.Option>
          ))}
        </Select>

        <h2>Objectives</h2>
        <p>
          What the partnership exists to achieve, shown on the home page. A sustainability and transformation partnership works to close the three national
          gaps: health and wellbeing, care and quality, and finance and efficiency. Integrated care systems have four purposes.
        </p>
        <p>
          Leave a new objective blank to add nothing. To add more than {BLANK_OBJECTIVE_ROWS}, save and come back. A removed objective stays in the history.
        </p>
        {Array.from({ length: rows }, (_, index) => (
          <ObjectiveFields key={index} index={index} values={values} errors={errors} />
        ))}
        <Button>Save settings</Button>
      </form>
    </Layout>
  );
}

function ObjectiveFields({ index, values, errors }: { index: number; values: Record<string, string>; errors: FieldErrors }) {
  const name = (part: "id" | "title" | "description" | "remove") => objectiveField(index, part);
  const id = values[name("id")] ?? "";
  const legend = id ? `Objective ${index + 1}` : `Objective ${index + 1} (new, optional)`;
  return (
    <Fieldset className="app-objective">
      <Fieldset.Legend size="s">{legend}</Fieldset.Legend>
      {id ? <input type="hidden" name={name("id")} value={id} /> : null}
      <TextInput label="Title" id={fieldId(name("title"))} name={name("title")} defaultValue={values[name("title")] ?? ""} error={errors[name("title")]} />
      <Textarea
        label="Description (optional)"
        id={fieldId(name("description"))}
        name={name("description")}
        rows={3}
        defaultValue={values[name("description")] ?? ""}
        error={errors[name("description")]}
      />
      {id ? (
        <Checkboxes id={fieldId(name("remove"))} idPrefix={fieldId(name("remove"))} name={name("remove")} small>
          <Checkboxes.Item value="yes" defaultChecked={values[name("remove")] === "yes"}>
            Remove this objective
          </Checkboxes.Item>
        </Checkboxes>
      ) : null}
    </Fieldset>
  );
}

import { Button, Card, Checkboxes, Fieldset, Select, Textarea, TextInput, WarningCallout } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, formTitle } from "../../platform/views/components.tsx";
import type { FieldErrors } from "../../platform/http/errors.ts";
import type { PartnershipObjectiveRow, PartnershipRow } from "./partnerships.tables.ts";
import { BLANK_OBJECTIVE_ROWS, DEFAULT_FINANCIAL_YEAR_START_MONTH, MONTHS, fieldId, objectiveField } from "./partnerships.schema.ts";

export interface HomeBody {
  id: string;
  name: string;
  shortName: string | null;
  purpose: string;
}

/** The partnership's home page: its objectives and its governance bodies. */
export function HomePage({
  ctx,
  objectives,
  bodies,
  signedIn,
}: {
  ctx: ViewContext;
  objectives: PartnershipObjectiveRow[];
  bodies: HomeBody[];
  signedIn: boolean;
}) {
  return (
    <Layout ctx={ctx} title="Home">
      <h1>{ctx.partnershipName}</h1>
      <p className="nhsuk-lede-text">How the partnership is governed: its boards, what they decide, and the programme they oversee.</p>
      {objectives.length > 0 ? (
        <>
          <h2>What the partnership is for</h2>
          <ul>
            {objectives.map((o) => (
              <li key={o.id}>
                <strong>{o.title}</strong>
                {o.description ? ` – ${o.description}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Governance bodies</h2>
      {bodies.length === 0 ? (
        <p>{signedIn ? "No bodies have been set up yet. Start with the programme board." : "Nothing has been published yet."}</p>
      ) : (
        <Card.Group>
          {bodies.map((b) => (
            <Card.GroupItem width="one-half" key={b.id}>
              <Card clickable>
                <Card.Heading headingLevel="h3">
                  <Card.Link href={`/bodies/${b.id}`}>{b.shortName ? `${b.name} (${b.shortName})` : b.name}</Card.Link>
                </Card.Heading>
                <Card.Description>{b.purpose || "No purpose has been recorded yet."}</Card.Description>
              </Card>
            </Card.GroupItem>
          ))}
        </Card.Group>
      )}
    </Layout>
  );
}

/** WCAG 2.2 accessibility statement. */
export function AccessibilityPage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout ctx={ctx} title="Accessibility statement">
      <h1>Accessibility statement</h1>
      <p>This website is run by {ctx.partnershipName} using Quorum. We want as many people as possible to be able to use it.</p>
      <h2>How accessible this website is</h2>
      <p>
        The website aims to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at AA standard. It is built with the NHS.UK design system, every
        page works without JavaScript, and each page is checked automatically for accessibility problems before release.
      </p>
      <h2>Reporting accessibility problems</h2>
      <p>If you find a problem or need information in a different format, contact the partnership's programme office.</p>
      <h2>Enforcement procedure</h2>
      <p>
        The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
        Accessibility Regulations 2018. If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).
      </p>
    </Layout>
  );
}

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

import { Button, Checkboxes, Fieldset, Radios, Select, SummaryList, Table, Tag, Textarea, TextInput, WarningCallout } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, HistorySection, PageLinks, formTitle, formatDate, formatDateTime } from "../../platform/views/components.tsx";
import { BackLink, NhsDate, YesNo, dateParts } from "../../platform/views/form-fields.tsx";
import type { HistoryEntry } from "../../platform/audit/audit.ts";
import type { FieldErrors } from "../../platform/http/errors.ts";
import { changeLabel, changeText, countSentence, type LatestCell, type LatestRatings } from "./maturity.latest.ts";
import type { FrameworkView, LevelRow } from "./maturity.repository.ts";
import { ASSESSMENT_METHOD_LABELS, ASSESSMENT_METHODS, NEW_ROWS } from "./maturity.schema.ts";
import { descriptorKey, type AssessmentDetail, type FrameworkDetail } from "./maturity.service.ts";
import { MATURITY_HISTORY_LABELS } from "./maturity.presenter.ts";

export const frameworkHref = (id: string) => `/maturity/${id}`;
export const assessmentHref = (id: string) => `/maturity-assessments/${id}`;

/** The per-subject page of a framework, narrowed to one organisation or area. */
export function subjectHref(frameworkId: string, subject: { organisationId: string | null; areaName: string | null }): string {
  const q = new URLSearchParams();
  if (subject.organisationId) q.set("organisationId", subject.organisationId);
  else if (subject.areaName) q.set("area", subject.areaName);
  return `/maturity/${frameworkId}/assessments?${q.toString()}`;
}

type TagColour = "red" | "orange" | "yellow" | "aqua-green" | "green";
const PALETTE: readonly TagColour[] = ["red", "orange", "yellow", "aqua-green", "green"];

/** The tag colour of a level: least mature red through to most mature green, spread over the framework's levels. */
export function levelColour(rank: number, levelCount: number): TagColour {
  if (levelCount <= 1) return PALETTE[0]!;
  const i = Math.round(((rank - 1) / (levelCount - 1)) * (PALETTE.length - 1));
  return PALETTE[Math.max(0, Math.min(PALETTE.length - 1, i))]!;
}

function summaryIds(errors: FieldErrors, fallback: string): Record<string, string> {
  return Object.fromEntries(
    Object.keys(errors).map((k) => {
      if (k === "_form") return [k, fallback];
      if (k === "assessedOn") return [k, "assessedOn-day"];
      if (k === "published") return [k, "published-1"];
      if (k === "method") return [k, "method-1"];
      if (k.startsWith("rating-")) return [k, `${k}-1`];
      return [k, k];
    }),
  );
}

function Published({ published }: { published: boolean }) {
  return published ? <Tag modifier="green">Published</Tag> : <Tag modifier="grey">Not published</Tag>;
}

// ---------------------------------------------------------------------------------------------
// Frameworks list

export function FrameworkListPage(props: {
  ctx: ViewContext;
  rows: FrameworkView[];
  page: number;
  hasNext: boolean;
  canManage: boolean;
  showPublished: boolean;
  workstreamName: (f: FrameworkView) => string | null;
}) {
  const { ctx, rows } = props;
  return (
    <Layout ctx={ctx} title="Maturity frameworks">
      <h1>Maturity frameworks</h1>
      <p>How ready each organisation or area is, rated against a framework of dimensions and levels, and how that has changed since the previous assessment.</p>
      {props.canManage ? (
        <p>
          <a className="nhsuk-button" href="/maturity/new" role="button" draggable="false">
            Define a framework
          </a>
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p>No maturity frameworks have been published yet.</p>
      ) : (
        <Table responsive caption="Maturity frameworks" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Framework</Table.Cell>
              <Table.Cell>Workstream</Table.Cell>
              {props.showPublished ? <Table.Cell>Visibility</Table.Cell> : null}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((f) => (
              <Table.Row key={f.id}>
                <Table.Cell>
                  <a href={frameworkHref(f.id)}>{f.title}</a>
                </Table.Cell>
                <Table.Cell>{props.workstreamName(f) ?? "None"}</Table.Cell>
                {props.showPublished ? (
                  <Table.Cell>
                    <Published published={f.published} />
                  </Table.Cell>
                ) : null}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <PageLinks page={props.page} hasNext={props.hasNext} baseQuery={{}} />
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// One framework: the matrix, the heat map, the summary

/** The framework itself: a row per dimension, a column per level, the descriptor in each cell. */
function MatrixTable({ detail }: { detail: FrameworkDetail }) {
  const { dimensions, levels, descriptors } = detail;
  return (
    <div className="nhsuk-table-container">
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--m">The framework: what each dimension looks like at each level</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Dimension
            </th>
            {levels.map((l) => (
              <th key={l.id} scope="col" className="nhsuk-table__header">
                {l.title}
                <span className="nhsuk-u-visually-hidden"> (level {l.rank})</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {dimensions.map((d) => (
            <tr key={d.id} className="nhsuk-table__row">
              <th scope="row" className="nhsuk-table__header">
                {d.title}
                {d.description ? <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-font-weight-normal">{d.description}</span> : null}
              </th>
              {levels.map((l) => (
                <td key={l.id} className="nhsuk-table__cell nhsuk-body-s">
                  {descriptors.get(descriptorKey(d.id, l.id)) ?? <span className="nhsuk-u-secondary-text-color">No descriptor</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A heat-map cell's change since the previous rating, readable without the arrow. */
function Change({ cell }: { cell: LatestCell }) {
  const label = changeLabel(cell);
  const spoken = changeText(cell);
  return label === spoken ? (
    <>{label}</>
  ) : (
    <>
      <span aria-hidden="true">{label}</span>
      <span className="nhsuk-u-visually-hidden">{spoken}</span>
    </>
  );
}

/**
 * The heat map of the latest ratings: a table (subjects × dimensions), so it is its own accessible
 * form. Each cell names the level in a tag coloured by level and says the change in words.
 */
function HeatMap({ frameworkId, detail, latest }: { frameworkId: string; detail: FrameworkDetail; latest: LatestRatings }) {
  const levelCount = detail.levels.length;
  const rankOf = new Map(detail.levels.map((l) => [l.id, l.rank]));
  return (
    <div className="nhsuk-table-container">
      <table className="nhsuk-table app-maturity-heat-map">
        <caption className="nhsuk-table__caption nhsuk-table__caption--m">
          Latest ratings by organisation or area, with the change since the previous assessment
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Organisation or area
            </th>
            {detail.dimensions.map((d) => (
              <th key={d.id} scope="col" className="nhsuk-table__header">
                {d.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {latest.subjects.map((s) => (
            <tr key={s.key} className="nhsuk-table__row">
              <th scope="row" className="nhsuk-table__header">
                <a href={subjectHref(frameworkId, s)}>{s.name}</a>
                {s.isExample ? <span className="nhsuk-body-s nhsuk-u-font-weight-normal"> (example)</span> : null}
                <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-font-weight-normal">Assessed {formatDate(s.latestAssessedOn)}</span>
              </th>
              {s.cells.map((cell, i) => (
                <td key={detail.dimensions[i]?.id ?? i} className="nhsuk-table__cell">
                  {cell ? (
                    <>
                      <Tag modifier={levelColour(rankOf.get(cell.latest.levelId) ?? cell.latest.rank, levelCount)}>{cell.latest.levelTitle}</Tag>
                      <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-margin-top-1 nhsuk-u-margin-bottom-0">
                        <Change cell={cell} />
                      </span>
                      {cell.fromEarlierAssessment ? (
                        <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-margin-bottom-0">From {formatDate(cell.latest.assessedOn)}</span>
                      ) : null}
                    </>
                  ) : (
                    "Not rated"
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FrameworkPage(props: {
  ctx: ViewContext;
  detail: FrameworkDetail;
  latest: LatestRatings;
  workstream: { id: string; name: string } | null;
  canManage: boolean;
  canAssess: boolean;
  showPublished: boolean;
  history: HistoryEntry[] | null;
}) {
  const { ctx, detail, latest } = props;
  const f = detail.framework;
  const top = [...latest.counts].sort((a, b) => b.count - a.count || a.rank - b.rank)[0];
  return (
    <Layout ctx={ctx} title={`Maturity framework: ${f.title}`} beforeContent={<BackLink href="/maturity">Maturity frameworks</BackLink>}>
      <span className="nhsuk-caption-l">Maturity framework{props.workstream ? ` of ${props.workstream.name}` : ""}</span>
      <h1>{f.title}</h1>
      {props.showPublished ? (
        <p>
          <Published published={f.published} />
        </p>
      ) : null}
      {f.description ? <p>{f.description}</p> : null}
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Workstream</SummaryList.Key>
          <SummaryList.Value>{props.workstream ? <a href={`/workstreams/${props.workstream.id}`}>{props.workstream.name}</a> : "None"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Levels</SummaryList.Key>
          <SummaryList.Value>{detail.levels.map((l) => l.title).join(", ")} (least mature first)</SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
      {props.canManage || props.canAssess ? (
        <ul className="nhsuk-list">
          {props.canAssess ? (
            <li>
              <a href={`/maturity/${f.id}/assessments/new`}>Record an assessment</a>
            </li>
          ) : null}
          {props.canManage ? (
            <li>
              <a href={`/maturity/${f.id}/edit`}>
                Edit the framework<span className="nhsuk-u-visually-hidden">: {f.title}</span>
              </a>
            </li>
          ) : null}
        </ul>
      ) : null}

      <section aria-labelledby="heat-map-heading">
        <h2 id="heat-map-heading">Latest ratings</h2>
        {latest.subjects.length === 0 ? (
          <p>No assessments have been recorded against this framework yet.</p>
        ) : (
          <>
            <p>
              Each cell shows the level of the latest assessment that rated the dimension and the change since the previous rating: ▲ more mature, ▼ less
              mature, “new” for a first rating.
            </p>
            {top && top.count > 0 ? <p className="nhsuk-body-l">{countSentence(top, latest.total)}.</p> : null}
            <h3>Ratings at each level</h3>
            <ul>
              {latest.counts.map((c) => (
                <li key={c.levelId}>{countSentence(c, latest.total)}</li>
              ))}
            </ul>
            <HeatMap frameworkId={f.id} detail={detail} latest={latest} />
            <p>
              <a href={`/maturity/${f.id}/assessments`}>Every assessment, by organisation or area over time</a>
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="framework-heading">
        <h2 id="framework-heading">The framework</h2>
        <MatrixTable detail={detail} />
      </section>

      {props.history ? <HistorySection entries={props.history} labels={MATURITY_HISTORY_LABELS} /> : null}
      <p className="nhsuk-body-s">Last changed {formatDateTime(f.updatedAt)}.</p>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Define and edit a framework

function DetailsFields({ values, errors, workstreams }: { values: Record<string, string>; errors: FieldErrors; workstreams: { id: string; name: string }[] }) {
  return (
    <>
      <TextInput label="Title" id="title" name="title" defaultValue={values.title ?? ""} error={errors.title} />
      <Textarea
        label="Description (optional)"
        hint="What the framework measures and how it is used"
        id="description"
        name="description"
        rows={3}
        defaultValue={values.description ?? ""}
        error={errors.description}
      />
      <Select
        label="Workstream (optional)"
        hint="Contributors of this workstream may record assessments"
        id="workstreamId"
        name="workstreamId"
        defaultValue={values.workstreamId ?? ""}
        error={errors.workstreamId}
      >
        <Select.Option value="">None</Select.Option>
        {workstreams.map((w) => (
          <Select.Option key={w.id} value={w.id}>
            {w.name}
          </Select.Option>
        ))}
      </Select>
      <YesNo
        name="published"
        legend="Publish the framework and its assessments?"
        hint="The public sees published frameworks, their assessments and the heat map"
        values={values}
        errors={errors}
      />
    </>
  );
}

export function NewFrameworkPage(props: {
  ctx: ViewContext;
  values: Record<string, string>;
  errors: FieldErrors;
  workstreams: { id: string; name: string }[];
}) {
  const { ctx, values, errors } = props;
  const title = "Define a maturity framework";
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)} beforeContent={<BackLink href="/maturity">Maturity frameworks</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "title")} />
      <h1>{title}</h1>
      <p>Name the dimensions and the levels now; you can write the descriptor for each cell on the next page.</p>
      <form method="post" action="/maturity" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <DetailsFields values={values} errors={errors} workstreams={props.workstreams} />
        <Textarea
          label="Dimensions"
          hint="One per line, for example: Integrated multidisciplinary teams"
          id="dimensions"
          name="dimensions"
          rows={6}
          defaultValue={values.dimensions ?? ""}
          error={errors.dimensions}
        />
        <Textarea
          label="Levels"
          hint="One per line, least mature first"
          id="levels"
          name="levels"
          rows={5}
          defaultValue={values.levels ?? "Emerging\nDeveloping\nMaturing\nThriving"}
          error={errors.levels}
        />
        <Button>Save and add descriptors</Button>
      </form>
    </Layout>
  );
}

/** The edit form's values for a stored framework. */
export function editFrameworkValues(detail: FrameworkDetail): Record<string, string> {
  const f = detail.framework;
  const values: Record<string, string> = {
    title: f.title,
    description: f.description,
    workstreamId: f.workstreamId ?? "",
    published: f.published ? "yes" : "no",
    version: String(f.version),
  };
  detail.dimensions.forEach((d, i) => {
    values[`dimensions-${i}-id`] = d.id;
    values[`dimensions-${i}-title`] = d.title;
    values[`dimensions-${i}-description`] = d.description;
    values[`dimensions-${i}-position`] = String(i + 1);
    for (const l of detail.levels) values[`descriptor-${d.id}-${l.id}`] = detail.descriptors.get(descriptorKey(d.id, l.id)) ?? "";
  });
  detail.levels.forEach((l, i) => {
    values[`levels-${i}-id`] = l.id;
    values[`levels-${i}-title`] = l.title;
    values[`levels-${i}-rank`] = String(i + 1);
  });
  return values;
}

function useText(n: number): string {
  return `${n} ${n === 1 ? "rating uses" : "ratings use"} it, so it cannot be removed`;
}

export function EditFrameworkPage(props: {
  ctx: ViewContext;
  detail: FrameworkDetail;
  usage: { dimensions: Map<string, number>; levels: Map<string, number> };
  values: Record<string, string>;
  errors: FieldErrors;
  workstreams: { id: string; name: string }[];
  conflict?: FrameworkDetail | undefined;
}) {
  const { ctx, detail, values, errors, usage } = props;
  const f = detail.framework;
  const title = "Edit the framework";
  const dimensionRows = detail.dimensions.length + NEW_ROWS;
  const levelRows = detail.levels.length + NEW_ROWS;
  return (
    <Layout ctx={ctx} title={formTitle(`${title}: ${f.title}`, errors)} beforeContent={<BackLink href={frameworkHref(f.id)}>Back to the framework</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "title")} />
      <span className="nhsuk-caption-l">{f.title}</span>
      <h1>{title}</h1>
      {props.conflict ? (
        <WarningCallout>
          <WarningCallout.Heading headingLevel="h2">Someone else saved this framework first</WarningCallout.Heading>
          <p>
            Their version is titled “{props.conflict.framework.title}” with {props.conflict.dimensions.length} dimensions and levels{" "}
            {props.conflict.levels.map((l) => l.title).join(", ")}. Your changes are below and have not been saved. Save again to replace their version with
            yours.
          </p>
        </WarningCallout>
      ) : null}
      <form method="post" action={frameworkHref(f.id)} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={values.version ?? String(f.version)} />
        <h2>Details</h2>
        <DetailsFields values={values} errors={errors} workstreams={props.workstreams} />

        <h2 id="dimensions" tabIndex={-1}>
          Dimensions
        </h2>
        {errors.dimensions ? (
          <p className="nhsuk-error-message">
            <span className="nhsuk-u-visually-hidden">Error:</span> {errors.dimensions}
          </p>
        ) : null}
        <p>Change a position number to reorder. Leave a blank row empty if you do not need it.</p>
        {Array.from({ length: dimensionRows }, (_, i) => {
          const id = values[`dimensions-${i}-id`] ?? "";
          const used = id ? (usage.dimensions.get(id) ?? 0) : 0;
          const key = (k: string) => `dimensions-${i}-${k}`;
          return (
            <Fieldset key={i}>
              <Fieldset.Legend size="s">{id ? `Dimension ${i + 1}` : `New dimension ${i - detail.dimensions.length + 1} (optional)`}</Fieldset.Legend>
              {id ? <input type="hidden" name={key("id")} value={id} /> : null}
              <TextInput label="Title" id={key("title")} name={key("title")} defaultValue={values[key("title")] ?? ""} error={errors[key("title")]} />
              <Textarea
                label="Description (optional)"
                id={key("description")}
                name={key("description")}
                rows={2}
                defaultValue={values[key("description")] ?? ""}
                error={errors[key("description")]}
              />
              <TextInput
                label="Position"
                id={key("position")}
                name={key("position")}
                inputMode="numeric"
                width={2}
                defaultValue={values[key("position")] ?? ""}
                error={errors[key("position")]}
              />
              {id && used > 0 ? (
                <p className="nhsuk-body-s">{useText(used)}.</p>
              ) : id ? (
                <Checkboxes id={key("remove")} name={key("remove")}>
                  <Checkboxes.Item value="yes" defaultChecked={values[key("remove")] === "yes"}>
                    Remove this dimension
                  </Checkboxes.Item>
                </Checkboxes>
              ) : null}
            </Fieldset>
          );
        })}

        <h2 id="levels" tabIndex={-1}>
          Levels
        </h2>
        {errors.levels ? (
          <p className="nhsuk-error-message">
            <span className="nhsuk-u-visually-hidden">Error:</span> {errors.levels}
          </p>
        ) : null}
        <p>Order 1 is the least mature. Changing the order changes how earlier ratings compare.</p>
        {Array.from({ length: levelRows }, (_, i) => {
          const id = values[`levels-${i}-id`] ?? "";
          const used = id ? (usage.levels.get(id) ?? 0) : 0;
          const key = (k: string) => `levels-${i}-${k}`;
          return (
            <Fieldset key={i}>
              <Fieldset.Legend size="s">{id ? `Level ${i + 1}` : `New level ${i - detail.levels.length + 1} (optional)`}</Fieldset.Legend>
              {id ? <input type="hidden" name={key("id")} value={id} /> : null}
              <TextInput
                label="Title"
                id={key("title")}
                name={key("title")}
                defaultValue={values[key("title")] ?? ""}
                error={errors[key("title")]}
                width={20}
              />
              <TextInput
                label="Order"
                id={key("rank")}
                name={key("rank")}
                inputMode="numeric"
                width={2}
                defaultValue={values[key("rank")] ?? ""}
                error={errors[key("rank")]}
              />
              {id && used > 0 ? (
                <p className="nhsuk-body-s">{useText(used)}.</p>
              ) : id ? (
                <Checkboxes id={key("remove")} name={key("remove")}>
                  <Checkboxes.Item value="yes" defaultChecked={values[key("remove")] === "yes"}>
                    Remove this level
                  </Checkboxes.Item>
                </Checkboxes>
              ) : null}
            </Fieldset>
          );
        })}

        <h2>Descriptors</h2>
        <p>What each dimension looks like at each level. New dimensions and levels get their descriptors once saved.</p>
        {detail.dimensions.map((d) => (
          <Fieldset key={d.id}>
            <Fieldset.Legend size="s">{d.title}</Fieldset.Legend>
            {detail.levels.map((l) => {
              const key = `descriptor-${d.id}-${l.id}`;
              return <Textarea key={l.id} label={l.title} id={key} name={key} rows={2} defaultValue={values[key] ?? ""} error={errors[key]} />;
            })}
          </Fieldset>
        ))}
        <Button>Save changes</Button>
      </form>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Assessments

function subjectLabel(a: AssessmentDetail): string {
  return a.assessment.organisationId ? a.subjectName : `${a.subjectName} (area)`;
}

export function AssessmentPage(props: {
  ctx: ViewContext;
  detail: AssessmentDetail;
  framework: FrameworkDetail;
  canEdit: boolean;
  history: HistoryEntry[] | null;
}) {
  const { ctx, detail: a, framework } = props;
  const x = a.assessment;
  const levelCount = framework.levels.length;
  const byDimension = new Map(a.ratings.map((r) => [r.dimensionId, r]));
  return (
    <Layout
      ctx={ctx}
      title={`Maturity assessment: ${a.subjectName}, ${formatDate(x.assessedOn)}`}
      beforeContent={<BackLink href={frameworkHref(x.frameworkId)}>Back to {x.frameworkTitle}</BackLink>}
    >
      <span className="nhsuk-caption-l">Assessment against {x.frameworkTitle}</span>
      <h1>
        {a.subjectName}, {formatDate(x.assessedOn)}
      </h1>
      {x.isExample ? (
        <p>
          <Tag modifier="yellow">Example data</Tag>
        </p>
      ) : null}
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>{x.organisationId ? "Organisation" : "Area"}</SummaryList.Key>
          <SummaryList.Value>
            <a href={subjectHref(x.frameworkId, x)}>{subjectLabel(a)}</a>
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Date</SummaryList.Key>
          <SummaryList.Value>{formatDate(x.assessedOn)}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Assessor</SummaryList.Key>
          <SummaryList.Value>{x.assessorName}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Method</SummaryList.Key>
          <SummaryList.Value>{ASSESSMENT_METHOD_LABELS[x.method] ?? x.method}</SummaryList.Value>
        </SummaryList.Row>
        {x.notes ? (
          <SummaryList.Row>
            <SummaryList.Key>Notes</SummaryList.Key>
            <SummaryList.Value>{x.notes}</SummaryList.Value>
          </SummaryList.Row>
        ) : null}
      </SummaryList>
      {props.canEdit ? (
        <p>
          <a href={`${assessmentHref(x.id)}/edit`}>
            Edit this assessment<span className="nhsuk-u-visually-hidden">: {a.subjectName}</span>
          </a>
        </p>
      ) : null}
      <Table responsive caption="Ratings" captionProps={{ className: "nhsuk-table__caption--m" }}>
        <Table.Head>
          <Table.Row>
            <Table.Cell>Dimension</Table.Cell>
            <Table.Cell>Level</Table.Cell>
            <Table.Cell>Evidence</Table.Cell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {framework.dimensions.map((d) => {
            const r = byDimension.get(d.id);
            return (
              <Table.Row key={d.id}>
                <Table.Cell>{d.title}</Table.Cell>
                <Table.Cell>{r ? <Tag modifier={levelColour(r.rank, levelCount)}>{r.levelTitle}</Tag> : "Not rated"}</Table.Cell>
                <Table.Cell>{r?.evidence || "None given"}</Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
      {props.history ? <HistorySection entries={props.history} labels={MATURITY_HISTORY_LABELS} /> : null}
      <p className="nhsuk-body-s">Last changed {formatDateTime(x.updatedAt)}.</p>
    </Layout>
  );
}

/** The form values for an existing assessment. */
export function assessmentFormValues(a: AssessmentDetail): Record<string, string> {
  const x = a.assessment;
  const values: Record<string, string> = {
    organisationId: x.organisationId ?? "",
    areaName: x.organisationId ? "" : (x.areaName ?? ""),
    ...dateParts("assessedOn", x.assessedOn),
    assessorName: x.assessorName,
    method: x.method,
    notes: x.notes,
    version: String(x.version),
  };
  for (const r of a.ratings) {
    values[`rating-${r.dimensionId}`] = r.levelId;
    values[`evidence-${r.dimensionId}`] = r.evidence;
  }
  return values;
}

function LevelRadios({
  dimensionId,
  legend,
  levels,
  descriptors,
  values,
  errors,
}: {
  dimensionId: string;
  legend: string;
  levels: LevelRow[];
  descriptors: (levelId: string) => string | undefined;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const name = `rating-${dimensionId}`;
  return (
    <Radios id={name} name={name} legend={legend} legendProps={{ size: "s" }} error={errors[name]}>
      {levels.map((l) => (
        <Radios.Item key={l.id} value={l.id} defaultChecked={values[name] === l.id} hint={descriptors(l.id)}>
          {l.title}
        </Radios.Item>
      ))}
    </Radios>
  );
}

export function AssessmentFormPage(props: {
  ctx: ViewContext;
  framework: FrameworkDetail;
  /** The assessment being edited; absent when recording a new one. */
  editing?: AssessmentDetail | undefined;
  values: Record<string, string>;
  errors: FieldErrors;
  organisations: { id: string; name: string }[];
  conflict?: AssessmentDetail | undefined;
}) {
  const { ctx, framework, editing, values, errors } = props;
  const f = framework.framework;
  const title = editing ? "Edit the assessment" : "Record an assessment";
  const action = editing ? assessmentHref(editing.assessment.id) : `/maturity/${f.id}/assessments`;
  const back = editing
    ? { href: assessmentHref(editing.assessment.id), text: "Back to the assessment" }
    : { href: frameworkHref(f.id), text: "Back to the framework" };
  return (
    <Layout ctx={ctx} title={formTitle(`${title}: ${f.title}`, errors)} beforeContent={<BackLink href={back.href}>{back.text}</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={summaryIds(errors, "organisationId")} />
      <span className="nhsuk-caption-l">{f.title}</span>
      <h1>{title}</h1>
      {props.conflict ? (
        <WarningCallout>
          <WarningCallout.Heading headingLevel="h2">Someone else saved this assessment first</WarningCallout.Heading>
          <p>
            Their version rates {props.conflict.subjectName} on {formatDate(props.conflict.assessment.assessedOn)}:{" "}
            {props.conflict.ratings.map((r) => `${r.dimensionTitle} ${r.levelTitle}`).join("; ") || "no ratings"}. Your changes are below and have not been
            saved. Save again to replace their version with yours.
          </p>
        </WarningCallout>
      ) : null}
      <form method="post" action={action} noValidate>
        <CsrfField token={ctx.csrfToken} />
        {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
        <h2>Who and when</h2>
        <Select
          label="Organisation"
          hint="The organisation assessed; leave as “Not an organisation” to name an area instead"
          id="organisationId"
          name="organisationId"
          defaultValue={values.organisationId ?? ""}
          error={errors.organisationId}
        >
          <Select.Option value="">Not an organisation</Select.Option>
          {props.organisations.map((o) => (
            <Select.Option key={o.id} value={o.id}>
              {o.name}
            </Select.Option>
          ))}
        </Select>
        <TextInput
          label="Or the area’s name"
          hint="For an area that is not an organisation, for example Whitstable vanguard"
          id="areaName"
          name="areaName"
          defaultValue={values.areaName ?? ""}
          error={errors.areaName}
        />
        <NhsDate name="assessedOn" legend="Date of the assessment" values={values} errors={errors} />
        <TextInput
          label="Assessor"
          hint="Who made the assessment, for example the organisation’s local care lead"
          id="assessorName"
          name="assessorName"
          defaultValue={values.assessorName ?? ""}
          error={errors.assessorName}
        />
        <Radios id="method" name="method" legend="Method" legendProps={{ size: "s" }} error={errors.method}>
          {ASSESSMENT_METHODS.map((m) => (
            <Radios.Item key={m} value={m} defaultChecked={(values.method ?? "self") === m}>
              {ASSESSMENT_METHOD_LABELS[m]}
            </Radios.Item>
          ))}
        </Radios>
        <Textarea label="Notes (optional)" id="notes" name="notes" rows={3} defaultValue={values.notes ?? ""} error={errors.notes} />
        <h2>Ratings</h2>
        {errors.ratings ? (
          <p className="nhsuk-error-message" id="ratings">
            <span className="nhsuk-u-visually-hidden">Error:</span> {errors.ratings}
          </p>
        ) : null}
        {framework.dimensions.map((d) => (
          <div key={d.id} className="nhsuk-u-margin-bottom-6">
            <LevelRadios
              dimensionId={d.id}
              legend={d.title}
              levels={framework.levels}
              descriptors={(levelId) => framework.descriptors.get(descriptorKey(d.id, levelId))}
              values={values}
              errors={errors}
            />
            <Textarea
              label={`Evidence for ${d.title} (optional)`}
              id={`evidence-${d.id}`}
              name={`evidence-${d.id}`}
              rows={2}
              defaultValue={values[`evidence-${d.id}`] ?? ""}
              error={errors[`evidence-${d.id}`]}
            />
          </div>
        ))}
        <Button>{editing ? "Save changes" : "Record assessment"}</Button>
      </form>
    </Layout>
  );
}

/** Every assessment of a framework by subject, oldest first: how each subject has moved over time. */
export function SubjectsPage(props: {
  ctx: ViewContext;
  framework: FrameworkDetail;
  groups: { key: string; name: string; organisationId: string | null; areaName: string | null; assessments: AssessmentDetail[] }[];
  narrowed: boolean;
}) {
  const { ctx, framework, groups } = props;
  const f = framework.framework;
  const levelCount = framework.levels.length;
  const title = props.narrowed && groups[0] ? `Assessments of ${groups[0].name}` : "Assessments by organisation or area";
  return (
    <Layout ctx={ctx} title={`${title}: ${f.title}`} beforeContent={<BackLink href={frameworkHref(f.id)}>Back to {f.title}</BackLink>}>
      <span className="nhsuk-caption-l">{f.title}</span>
      <h1>{title}</h1>
      {props.narrowed ? (
        <p>
          <a href={`/maturity/${f.id}/assessments`}>Every organisation and area</a>
        </p>
      ) : null}
      {groups.length === 0 ? <p>No assessments have been recorded{props.narrowed ? " for this organisation or area" : ""}.</p> : null}
      {groups.map((g) => (
        <section key={g.key} aria-labelledby={`subject-${g.key.replace(/[^a-z0-9-]/gi, "-")}`}>
          <h2 id={`subject-${g.key.replace(/[^a-z0-9-]/gi, "-")}`}>{g.name}</h2>
          <div className="nhsuk-table-container">
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Assessments of {g.name}, oldest first</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className="nhsuk-table__header">
                    Date
                  </th>
                  {framework.dimensions.map((d) => (
                    <th key={d.id} scope="col" className="nhsuk-table__header">
                      {d.title}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {g.assessments.map((a) => {
                  const byDimension = new Map(a.ratings.map((r) => [r.dimensionId, r]));
                  return (
                    <tr key={a.assessment.id} className="nhsuk-table__row">
                      <th scope="row" className="nhsuk-table__header">
                        <a href={assessmentHref(a.assessment.id)}>{formatDate(a.assessment.assessedOn)}</a>
                        <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-font-weight-normal">
                          {a.assessment.assessorName}, {(ASSESSMENT_METHOD_LABELS[a.assessment.method] ?? a.assessment.method).toLowerCase()}
                        </span>
                      </th>
                      {framework.dimensions.map((d) => {
                        const r = byDimension.get(d.id);
                        return (
                          <td key={d.id} className="nhsuk-table__cell">
                            {r ? <Tag modifier={levelColour(r.rank, levelCount)}>{r.levelTitle}</Tag> : "Not rated"}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Layout>
  );
}

import { Button, Select, Tag, TextInput } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { FormErrorSummary, PageLinks, formTitle, formatDate } from "../../platform/views/components.tsx";
import type { FieldErrors } from "../../platform/http/errors.ts";
import { snippetParts } from "../../platform/db/text-search.ts";
import { toLondon } from "../../platform/time.ts";
import { MAX_MIXED_RESULTS, SEARCH_TYPES, type SearchHit, type SearchResults, type SearchType } from "./search.service.ts";
import { SEARCH_TYPE_LABELS } from "./search.schema.ts";

const TYPE_FILTER_LABELS: Record<SearchType, string> = {
  decision: "Decisions",
  minutes: "Minutes",
  agenda_item: "Agenda items",
  board_update: "Board updates",
};

const TAG_COLOURS = { decision: "blue", minutes: "green", agenda_item: "purple", board_update: "aqua-green" } as const;

/** The record's text around the matches; React escapes the text, the matches are marked. */
function Snippet({ snippet }: { snippet: string }) {
  return <>{snippetParts(snippet).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}</>;
}

function Result({ hit }: { hit: SearchHit }) {
  return (
    <li className="app-search-result nhsuk-u-margin-bottom-5">
      <p className="nhsuk-u-margin-bottom-1">
        <Tag modifier={TAG_COLOURS[hit.type]}>{SEARCH_TYPE_LABELS[hit.type]}</Tag>
        {hit.draft ? (
          <>
            {" "}
            <Tag modifier="grey">Draft</Tag>
          </>
        ) : null}
      </p>
      <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">
        <a href={hit.url}>{hit.type === "agenda_item" ? <Snippet snippet={hit.snippet} /> : hit.title}</a>
      </h2>
      {hit.type === "agenda_item" ? null : (
        <p className="nhsuk-u-margin-bottom-1">
          <Snippet snippet={hit.snippet} />
        </p>
      )}
      <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
        {hit.body.name}, {formatDate(toLondon(hit.date).date)}
      </p>
    </li>
  );
}

/** The search page: the form, then the results this viewer may see, best match first. */
export function SearchPage(props: {
  ctx: ViewContext;
  q: string;
  type: SearchType | undefined;
  page: number;
  /** Null when nothing was searched (no words, or words that could not be searched). */
  results: SearchResults | null;
  errors: FieldErrors;
}) {
  const { ctx, q, type, page, results, errors } = props;
  const title = results ? `Search results for ‘${q}’` : "Search";
  return (
    <Layout ctx={ctx} title={formTitle(title, errors)}>
      <FormErrorSummary errors={errors} />
      <h1>{title}</h1>
      <form method="get" action="/search" className="app-filter" role="search" aria-label="Search decisions, minutes, agendas and updates">
        <TextInput
          label="Search decisions, minutes, agendas and board updates"
          hint='For example: patient engagement, or "urgent care" -winter'
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          error={errors.q}
          width={30}
        />
        <Select label="Show" id="type" name="type" defaultValue={type ?? ""}>
          <Select.Option value="">Everything</Select.Option>
          {SEARCH_TYPES.map((t) => (
            <Select.Option key={t} value={t}>
              {TYPE_FILTER_LABELS[t]}
            </Select.Option>
          ))}
        </Select>
        <Button>Search</Button>
      </form>
      {results === null ? null : results.hits.length === 0 ? (
        results.capped ? (
          <p>Searches of everything stop after the first {MAX_MIXED_RESULTS} results. Choose what to show to see more.</p>
        ) : (
          <p>{page > 1 ? "There are no more results." : "No results match your search. Check the spelling or try other words."}</p>
        )
      ) : (
        <>
          <ul className="nhsuk-list app-search-results">
            {results.hits.map((hit) => (
              <Result key={`${hit.type}-${hit.id}`} hit={hit} />
            ))}
          </ul>
          {results.capped ? <p>Searches of everything stop after the first {MAX_MIXED_RESULTS} results. Choose what to show to see more.</p> : null}
        </>
      )}
      {results ? <PageLinks page={page} hasNext={results.hasMore} baseQuery={{ q, type }} /> : null}
    </Layout>
  );
}

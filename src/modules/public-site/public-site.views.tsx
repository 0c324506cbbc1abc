import { Card } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { formatDate } from "../../platform/views/components.tsx";
import { formatLondonDate, formatLondonTime } from "../../platform/time.ts";
import { meetingPath } from "../meetings/meeting-path.ts";
import type { MeetingView } from "../meetings/meetings.repository.ts";
import type { PartnershipObjectiveRow } from "../partnerships/partnerships.tables.ts";
import { bodyPath } from "./public-site.sitemap.ts";

/** The date the accessibility statement was prepared (and last reviewed). */
export const ACCESSIBILITY_STATEMENT_PREPARED = "2026-11-22";

export interface HomeData {
  objectives: PartnershipObjectiveRow[];
  bodies: { id: string; slug: string | null; name: string; shortName: string | null; purpose: string }[];
  upcomingMeetings: MeetingView[];
  recentMeetings: MeetingView[];
  decisions: { decision: { id: string; text: string; decidedOn: string }; body: { name: string } }[];
  updates: { update: { slug: string; firstPublishedAt: Date | null }; content: { title: string } }[];
  workstreams: { id: string; slug: string; name: string }[];
  portfolioDashboard: boolean;
}

function meetingLabel(m: MeetingView): string {
  return m.title ?? `${m.body.shortName ?? m.body.name} meeting`;
}

/** A short list of meetings with their date, time and venue. */
function MeetingList({ rows }: { rows: MeetingView[] }) {
  return (
    <ul className="nhsuk-list nhsuk-list--border">
      {rows.map((m) => (
        <li key={m.id}>
          <a href={meetingPath(m)}>{meetingLabel(m)}</a>
          <br />
          {formatLondonDate(m.startsAt)}, {formatLondonTime(m.startsAt)} to {formatLondonTime(m.endsAt)}
          {m.venue ? `, ${m.venue}` : ""}
          {m.status === "cancelled" ? " (cancelled)" : ""}
        </li>
      ))}
    </ul>
  );
}

/** The first sentence of a decision's text, for a short list. */
function shortText(text: string): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length <= 200 ? one : `${one.slice(0, 197).trimEnd()}…`;
}

/** The partnership's home page: what it is for, its bodies, coming meetings, latest updates and decisions. */
export function HomePage({ ctx, data, signedIn }: { ctx: ViewContext; data: HomeData; signedIn: boolean }) {
  return (
    <Layout ctx={ctx} title="Home">
      <h1>{ctx.partnershipName}</h1>
      <p className="nhsuk-lede-text">How the partnership is governed: its boards, what they decide, and the programme they oversee.</p>
      {data.objectives.length > 0 ? (
        <section aria-labelledby="objectives-heading">
          <h2 id="objectives-heading">What the partnership is for</h2>
          <ul>
            {data.objectives.map((o) => (
              <li key={o.id}>
                <strong>{o.title}</strong>
                {o.description ? ` – ${o.description}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">Meetings</h2>
        <p>The boards meet in public. Anyone may attend the public part of a meeting, and its agenda and papers are published here beforehand.</p>
        {data.upcomingMeetings.length > 0 ? (
          <>
            <h3>Coming up</h3>
            <MeetingList rows={data.upcomingMeetings} />
          </>
        ) : (
          <p>No meetings are scheduled at the moment.</p>
        )}
        {data.recentMeetings.length > 0 ? (
          <>
            <h3>Recent meetings</h3>
            <MeetingList rows={data.recentMeetings} />
          </>
        ) : null}
        <p>
          <a href="/meetings">All upcoming meetings</a> or <a href="/meetings?when=past">past meetings</a>, with their agendas, papers and minutes
        </p>
      </section>

      {data.updates.length > 0 ? (
        <section aria-labelledby="updates-heading">
          <h2 id="updates-heading">Latest board updates</h2>
          <ul className="nhsuk-list nhsuk-list--border">
            {data.updates.map((u) => (
              <li key={u.update.slug}>
                <a href={`/updates/${u.update.slug}`}>{u.content.title}</a>
                {u.update.firstPublishedAt ? (
                  <>
                    <br />
                    Published {formatLondonDate(u.update.firstPublishedAt)}
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          <p>
            <a href="/updates">All board updates</a>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">Recent decisions</h2>
        {data.decisions.length === 0 ? (
          <p>No decisions have been published yet.</p>
        ) : (
          <ul className="nhsuk-list nhsuk-list--border">
            {data.decisions.map((d) => (
              <li key={d.decision.id}>
                <a href={`/decisions/${d.decision.id}`}>{shortText(d.decision.text)}</a>
                <br />
                {d.body.name}, {formatDate(d.decision.decidedOn)}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/decisions">The decision log</a>
        </p>
      </section>

      <section aria-labelledby="bodies-heading">
        <h2 id="bodies-heading">Governance bodies</h2>
        {data.bodies.length === 0 ? (
          <p>{signedIn ? "No bodies have been set up yet. Start with the programme board." : "Nothing has been published yet."}</p>
        ) : (
          <Card.Group>
            {data.bodies.map((b) => (
              <Card.GroupItem width="one-half" key={b.id}>
                <Card clickable>
                  <Card.Heading headingLevel="h3">
                    <Card.Link href={bodyPath(b)}>{b.shortName ? `${b.name} (${b.shortName})` : b.name}</Card.Link>
                  </Card.Heading>
                  <Card.Description>{b.purpose || "No purpose has been recorded yet."}</Card.Description>
                </Card>
              </Card.GroupItem>
            ))}
          </Card.Group>
        )}
        <p>
          <a href="/bodies">All bodies</a>, their members, terms of reference and forward plans
        </p>
      </section>

      <section aria-labelledby="programme-heading">
        <h2 id="programme-heading">The programme</h2>
        {data.workstreams.length > 0 ? (
          <ul>
            {data.workstreams.map((w) => (
              <li key={w.id}>
                <a href={`/workstreams/${w.slug}`}>{w.name}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p>No workstreams have been published yet.</p>
        )}
        <p>
          <a href="/workstreams">All workstreams</a>
          {data.portfolioDashboard ? (
            <>
              {" "}
              and <a href="/portfolio">the portfolio dashboard</a>: milestones, budgets and risks across the programme
            </>
          ) : null}
        </p>
      </section>
    </Layout>
  );
}

/** Several meetings of one body on one day: the readable address cannot choose, so the visitor does. */
export function MeetingChoicePage({ ctx, body, date, meetings }: { ctx: ViewContext; body: { name: string }; date: string; meetings: MeetingView[] }) {
  const title = `Meetings of ${body.name} on ${formatDate(date)}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <ul className="nhsuk-list nhsuk-list--border">
        {meetings.map((m) => (
          <li key={m.id}>
            <a href={`/meetings/${m.id}`}>{meetingLabel(m)}</a>
            <br />
            {formatLondonTime(m.startsAt)} to {formatLondonTime(m.endsAt)}
            {m.venue ? `, ${m.venue}` : ""}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** The accessibility statement, in the form the Public Sector Bodies Accessibility Regulations 2018 expect. */
export function AccessibilityPage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout ctx={ctx} title="Accessibility statement">
      <h1>Accessibility statement</h1>
      <p>
        This accessibility statement applies to the website of {ctx.partnershipName}, which publishes the partnership's meetings, agendas, papers, minutes,
        decisions, forward plans, board updates and programme. The website is run by {ctx.partnershipName} using Quorum, open-source governance software.
      </p>
      <p>We want as many people as possible to be able to use this website. For example, that means you should be able to:</p>
      <ul>
        <li>change colours, contrast levels and fonts using your browser or device settings</li>
        <li>zoom in up to 400% without the text spilling off the screen</li>
        <li>navigate most of the website using just a keyboard or speech recognition software</li>
        <li>listen to most of the website using a screen reader</li>
        <li>use every page, including every form, without JavaScript</li>
      </ul>
      <p>We have also made the text as simple as possible to understand.</p>

      <h2>How accessible this website is</h2>
      <p>
        The website is designed to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. It is built with the NHS.UK design system. We
        know some parts are not fully accessible:
      </p>
      <ul>
        <li>
          papers uploaded by the partnership's organisations (PDF, Word and other documents) are written by others and may not be accessible, for example
          scanned pages without text, tables without headers, or images without descriptions
        </li>
        <li>
          board packs (the PDF of a meeting's agenda and papers) carry a document title, language and bookmarks for each item, but are not fully tagged to the
          PDF/UA standard, so a screen reader may not read tables and reading order in them as it would on a web page; each pack also has an HTML version
        </li>
        <li>older papers published before this website may not meet the standard</li>
      </ul>

      <h2>Feedback and contact information</h2>
      <p>
        If you need information on this website in a different format, such as accessible PDF, large print, easy read, audio recording or braille, contact the
        partnership's programme office. Tell us the web address (URL) of the page or paper, your name and email address, and the format you need. We will
        consider your request and get back to you within 10 working days.
      </p>

      <h2>Reporting accessibility problems with this website</h2>
      <p>
        We are always looking to improve the accessibility of this website. If you find any problems not listed on this page, or think we are not meeting
        accessibility requirements, contact the partnership's programme office.
      </p>

      <h2>Enforcement procedure</h2>
      <p>
        The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
        Accessibility Regulations 2018 (the 'accessibility regulations'). If you are not happy with how we respond to your complaint, contact the{" "}
        <a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support Service (EASS)</a>.
      </p>

      <h2>Technical information about this website's accessibility</h2>
      <p>
        {ctx.partnershipName} is committed to making its website accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications) (No.
        2) Accessibility Regulations 2018.
      </p>
      <h3>Compliance status</h3>
      <p>This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, due to the non-compliances listed below.</p>
      <h3>Non-accessible content</h3>
      <p>
        Papers written by others may fail success criteria such as 1.1.1 (non-text content), 1.3.1 (info and relationships) and 2.4.2 (page titled). We ask
        authors to provide accessible documents and replace them when we are told of a problem. Board pack PDFs are not fully tagged (PDF/UA); the HTML version
        of each pack is the accessible alternative.
      </p>
      <h3>Disproportionate burden</h3>
      <p>We are not claiming disproportionate burden for any content.</p>

      <h2>How we tested this website</h2>
      <p>Every change to the website is tested before it is released:</p>
      <ul>
        <li>every kind of page is checked automatically with the axe accessibility engine in a real browser, and must have no violations</li>
        <li>the main tasks are tested with a keyboard only</li>
        <li>every page and form is tested with JavaScript turned off</li>
        <li>board pack PDFs are read back to check their title, language and bookmarks</li>
      </ul>

      <h2>What we are doing to improve accessibility</h2>
      <p>We review this statement when the website changes, and fix problems reported to us as a priority.</p>

      <h2>Preparation of this accessibility statement</h2>
      <p>
        This statement was prepared on {formatDate(ACCESSIBILITY_STATEMENT_PREPARED)}. It was last reviewed on {formatDate(ACCESSIBILITY_STATEMENT_PREPARED)}.
        The website was last tested on {formatDate(ACCESSIBILITY_STATEMENT_PREPARED)} by the Quorum developers, using automated checks of every page kind,
        keyboard-only and no-JavaScript tests.
      </p>
    </Layout>
  );
}

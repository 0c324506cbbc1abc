import { Card } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import type { PartnershipObjectiveRow } from "./partnerships.tables.ts";

export interface HomeBody {
  id: string;
  name: string;
  shortName: string | null;
  purpose: string;
}

/** The partnership's home page: its objectives and its governance bodies. */
export function HomePage({ ctx, objectives, bodies, signedIn }: { ctx: ViewContext; objectives: PartnershipObjectiveRow[]; bodies: HomeBody[]; signedIn: boolean }) {
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

import type { AnchorHTMLAttributes, FC, ReactNode } from "react";
import { Header, Footer, SkipLink } from "nhsuk-react-components";
import type { ViewContext } from "./context.ts";
import { roleOf } from "../auth/principal.ts";
import { ASSET_VERSION } from "./assets.ts";

// nhsuk-react-components' declaration files import their link props through a package-internal
// "#util" alias that TypeScript cannot resolve from here, so the props are restated.
const NavigationItem = Header.NavigationItem as unknown as FC<AnchorHTMLAttributes<HTMLAnchorElement> & { current?: boolean }>;

const NAVIGATION = [
  { href: "/meetings", text: "Meetings" },
  { href: "/workstreams", text: "Workstreams" },
  { href: "/portfolio", text: "Portfolio" },
  { href: "/bodies", text: "Bodies" },
  { href: "/organisations", text: "Organisations" },
  { href: "/people", text: "People" },
] as const;

export interface LayoutProps {
  ctx: ViewContext;
  /** The page title; the partnership name is appended. Prefix "Error: " when a form has errors. */
  title: string;
  children: ReactNode;
  /** Breadcrumbs or a back link, drawn above <main>. */
  beforeContent?: ReactNode;
  /** Extra elements for <head>, e.g. <link rel="alternate"> to a page's feeds. */
  head?: ReactNode;
}

/** The NHS.UK page frame: skip link, header with navigation and account, main, footer. */
export function Layout({ ctx, title, children, beforeContent, head }: LayoutProps) {
  const role = roleOf(ctx.principal);
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${ctx.partnershipName} – Quorum`}</title>
        <link rel="stylesheet" href={`/assets/nhsuk/nhsuk-frontend.min.css?v=${ASSET_VERSION}`} />
        <link rel="stylesheet" href={`/assets/app/app.css?v=${ASSET_VERSION}`} />
        <link rel="icon" href="/assets/nhsuk/assets/images/favicon.svg" type="image/svg+xml" />
        {head}
      </head>
      <body>
        <SkipLink href="#maincontent">Skip to main content</SkipLink>
        <Header service={{ text: ctx.partnershipName, href: "/" }}>
          {ctx.path === "/search" ? null : (
            <Header.Search action="/search" method="get" visuallyHiddenLabel="Search decisions, minutes, agendas and updates" placeholder="Search" />
          )}
          <Header.Account aria-label="Account">
            {ctx.principal.kind === "user" ? (
              <>
                <Header.AccountItem href="/account" icon>
                  {ctx.principal.name}
                  {role ? ` (${role})` : ""}
                </Header.AccountItem>
                {role === "admin" ? <Header.AccountItem href="/admin/users">Users</Header.AccountItem> : null}
                <Header.AccountItem as="button" formProps={{ action: `/sign-out?_csrf=${encodeURIComponent(ctx.csrfToken)}`, method: "post" }}>
                  Sign out
                </Header.AccountItem>
              </>
            ) : (
              <Header.AccountItem href="/sign-in">Sign in</Header.AccountItem>
            )}
          </Header.Account>
          <Header.Navigation aria-label="Menu">
            {NAVIGATION.map((item) => (
              <NavigationItem key={item.href} href={item.href} current={ctx.path === item.href || ctx.path.startsWith(`${item.href}/`)}>
                {item.text}
              </NavigationItem>
            ))}
          </Header.Navigation>
        </Header>
        <div className="nhsuk-width-container">
          {beforeContent}
          <main className="nhsuk-main-wrapper" id="maincontent" role="main">
            {ctx.flash ? (
              <div className="nhsuk-inset-text app-flash" role="status">
                <p>{ctx.flash}</p>
              </div>
            ) : null}
            {children}
          </main>
        </div>
        <Footer>
          <Footer.Meta>
            <Footer.ListItem href="/accessibility">Accessibility statement</Footer.ListItem>
            <Footer.ListItem href="/api/v1/openapi.json">Open data API</Footer.ListItem>
            <Footer.Copyright>{ctx.partnershipName}</Footer.Copyright>
          </Footer.Meta>
        </Footer>
        <script type="module" src={`/assets/app/app.js?v=${ASSET_VERSION}`} />
      </body>
    </html>
  );
}

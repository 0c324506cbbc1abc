import { Layout } from "./layout.tsx";
import type { ViewContext } from "./context.ts";

const TITLES: Record<number, string> = {
  400: "There is a problem with the request",
  401: "Sign in to continue",
  403: "You do not have permission to see this page",
  404: "Page not found",
  409: "This record has changed",
  413: "What you sent is too large",
  415: "This kind of request is not supported",
  422: "There is a problem with the information given",
  429: "Too many requests",
  500: "Sorry, there is a problem with the service",
  503: "Sorry, the service is unavailable",
};

/** The NHS.UK-style error page for every HTML error. */
export function ErrorPage({ ctx, status, message }: { ctx: ViewContext; status: number; message: string }) {
  const title = TITLES[status] ?? "Sorry, there is a problem";
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      {status === 401 ? (
        <p>
          <a href={`/sign-in?returnTo=${encodeURIComponent(ctx.path)}`}>Sign in</a>
        </p>
      ) : null}
      {status === 404 ? <p>If you typed the web address, check it is correct. If you pasted it, check you copied it all.</p> : null}
      {status >= 500 ? <p>Try again later. Nothing you had already saved has been lost.</p> : null}
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </Layout>
  );
}

import { Button, TextInput } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, formTitle } from "../../platform/views/components.tsx";
import type { FieldErrors } from "../../platform/http/errors.ts";

/** The sign-in form. Errors never say whether the e-mail has an account. */
export function SignInPage({ ctx, values, errors, returnTo, demo }: { ctx: ViewContext; values: Record<string, string>; errors: FieldErrors; returnTo: string; demo?: { email: string; password: string }[] | undefined }) {
  return (
    <Layout ctx={ctx} title={formTitle("Sign in", errors)}>
      <FormErrorSummary errors={errors} />
      <h1>Sign in</h1>
      <form method="post" action="/sign-in" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <TextInput label="Email address" id="email" name="email" type="email" autoComplete="username" spellCheck={false} defaultValue={values.email ?? ""} error={errors.email} />
        <TextInput label="Password" id="password" name="password" type="password" autoComplete="current-password" error={errors.password} />
        <Button>Sign in</Button>
      </form>
      {demo && demo.length > 0 ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>This is the demo partnership. Sign in as any of these, each with a different role, using the password {demo[0]?.password}:</p>
          <ul>
            {demo.map((d) => (
              <li key={d.email}>{d.email}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </Layout>
  );
}

import type { ReactNode } from "react";
import { Button, InsetText, PasswordInput, Radios, SummaryList, Table, Tag, TextInput, WarningCallout } from "nhsuk-react-components";
import { Layout } from "../../platform/views/layout.tsx";
import type { ViewContext } from "../../platform/views/context.ts";
import { CsrfField, FormErrorSummary, formatDateTime, formTitle } from "../../platform/views/components.tsx";
import type { FieldErrors } from "../../platform/http/errors.ts";
import { ROLES, TOKEN_SCOPES, type Role, type TokenScope } from "./accounts.tables.ts";
import { LINK_LIFETIME_DAYS } from "./accounts.service.ts";
import { BackLink } from "../../platform/views/form-fields.tsx";

/** How each role is named to people, and what it lets them do. */
export const ROLE_LABELS: Record<Role, { name: string; description: string }> = {
  admin: { name: "Administrator", description: "Manages who has access and the partnership's settings, and can do everything a secretary can." },
  secretary: { name: "Secretary (board office)", description: "Manages bodies, memberships, meetings and papers, and records decisions and actions." },
  member: { name: "Member", description: "Sees internal business of the partnership and takes part in its bodies." },
  contributor: { name: "Contributor (workstream lead)", description: "Sees internal business and updates the work they lead." },
  viewer: { name: "Viewer", description: "Sees internal business but cannot change anything." },
};

/** How each token scope is named to people. */
export const TOKEN_SCOPE_LABELS: Record<TokenScope, { name: string; description: string }> = {
  read: { name: "Read only", description: "Reads what you can see. It cannot change anything." },
  write: { name: "Read and write", description: "Reads and changes what your role allows, as you." },
};

/** The role's name, or a plain statement that there is none. */
export function roleName(role: Role | null): string {
  return role ? ROLE_LABELS[role].name : "No role in this partnership";
}

/** The error summary ids of radio groups: the summary links to the first radio of the group. */
const RADIO_FIELD_IDS = { role: "role-1", scope: "scope-1" };

/** The sign-in form. Errors never say whether the e-mail has an account. */
export function SignInPage({
  ctx,
  values,
  errors,
  returnTo,
  demo,
}: {
  ctx: ViewContext;
  values: Record<string, string>;
  errors: FieldErrors;
  returnTo: string;
  demo?: { email: string; password: string }[] | undefined;
}) {
  return (
    <Layout ctx={ctx} title={formTitle("Sign in", errors)}>
      <FormErrorSummary errors={errors} />
      <h1>Sign in</h1>
      <form method="post" action="/sign-in" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <TextInput
          label="Email address"
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          spellCheck={false}
          defaultValue={values.email ?? ""}
          error={errors.email}
        />
        <TextInput label="Password" id="password" name="password" type="password" autoComplete="current-password" error={errors.password} />
        <Button>Sign in</Button>
      </form>
      <p>If you have forgotten your password, ask an administrator of {ctx.partnershipName} for a link to set a new one.</p>
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

/** "Your account": who you are here, and links to change your password and manage API tokens. */
export function AccountPage({ ctx, user }: { ctx: ViewContext; user: { name: string; email: string; role: Role | null } }) {
  return (
    <Layout ctx={ctx} title="Your account">
      <h1>Your account</h1>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Name</SummaryList.Key>
          <SummaryList.Value>{user.name}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Email address</SummaryList.Key>
          <SummaryList.Value>{user.email}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Role in {ctx.partnershipName}</SummaryList.Key>
          <SummaryList.Value>
            {roleName(user.role)}
            {user.role ? (
              <p className="nhsuk-hint nhsuk-u-margin-bottom-0">{ROLE_LABELS[user.role].description}</p>
            ) : (
              <p className="nhsuk-hint nhsuk-u-margin-bottom-0">You see only what is published to the public.</p>
            )}
          </SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
      <h2>Manage your account</h2>
      <ul className="nhsuk-list">
        <li>
          <a href="/account/password">Change your password</a>
        </li>
        <li>
          <a href="/account/tokens">Personal access tokens for the API</a>
        </li>
      </ul>
      {user.role === "admin" ? (
        <>
          <h2>Administer the partnership</h2>
          <ul className="nhsuk-list">
            <li>
              <a href="/admin/users">Users and roles</a>
            </li>
            <li>
              <a href="/partnership/settings">Partnership settings and objectives</a>
            </li>
          </ul>
        </>
      ) : null}
    </Layout>
  );
}

/** Change your password: the current one, then the new one twice. Passwords are never shown back. */
export function ChangePasswordPage({ ctx, errors }: { ctx: ViewContext; errors: FieldErrors }) {
  return (
    <Layout ctx={ctx} title={formTitle("Change your password", errors)} beforeContent={<BackLink href="/account">Your account</BackLink>}>
      <FormErrorSummary errors={errors} />
      <h1>Change your password</h1>
      <p>When you change your password, you stay signed in here and are signed out everywhere else.</p>
      <form method="post" action="/account/password" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <PasswordInput label="Current password" id="currentPassword" name="currentPassword" autoComplete="current-password" error={errors.currentPassword} />
        <PasswordInput
          label="New password"
          hint="Use 12 characters or more. A few unrelated words together are easy to remember and hard to guess."
          id="newPassword"
          name="newPassword"
          autoComplete="new-password"
          error={errors.newPassword}
        />
        <PasswordInput label="Confirm new password" id="confirmPassword" name="confirmPassword" autoComplete="new-password" error={errors.confirmPassword} />
        <Button>Change password</Button>
      </form>
    </Layout>
  );
}

export interface TokenListItem {
  id: string;
  name: string;
  scope: TokenScope;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Your personal access tokens for the API: the list, with revoke buttons, and a form to create one. */
export function TokensPage({
  ctx,
  tokens,
  values,
  errors,
}: {
  ctx: ViewContext;
  tokens: TokenListItem[];
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  return (
    <Layout ctx={ctx} title={formTitle("Personal access tokens", errors)} beforeContent={<BackLink href="/account">Your account</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={RADIO_FIELD_IDS} />
      <h1>Personal access tokens</h1>
      <p>
        A personal access token lets a program use the <a href="/api/v1/openapi.json">Quorum API</a> as you, in {ctx.partnershipName} only. Send it in the
        header <code>Authorization: Bearer &lt;token&gt;</code>. Keep it secret, like a password, and revoke it when it is no longer needed.
      </p>
      <h2>Your tokens</h2>
      {tokens.length === 0 ? (
        <p>You have no tokens.</p>
      ) : (
        <Table responsive caption="Your personal access tokens, newest first" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Name</Table.Cell>
              <Table.Cell>Access</Table.Cell>
              <Table.Cell>Starts with</Table.Cell>
              <Table.Cell>Created</Table.Cell>
              <Table.Cell>Last used</Table.Cell>
              <Table.Cell>Status</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {tokens.map((t) => (
              <Table.Row key={t.id}>
                <Table.Cell>{t.name}</Table.Cell>
                <Table.Cell>{TOKEN_SCOPE_LABELS[t.scope].name}</Table.Cell>
                <Table.Cell>
                  <code>{t.prefix}…</code>
                </Table.Cell>
                <Table.Cell>{formatDateTime(t.createdAt)}</Table.Cell>
                <Table.Cell>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never"}</Table.Cell>
                <Table.Cell>
                  {t.revokedAt ? (
                    <>
                      <Tag color="grey">Revoked</Tag> {formatDateTime(t.revokedAt)}
                    </>
                  ) : (
                    <form method="post" action={`/account/tokens/${t.id}/revoke`} className="app-inline-form">
                      <CsrfField token={ctx.csrfToken} />
                      <Button secondary small className="nhsuk-u-margin-bottom-0">
                        Revoke<span className="nhsuk-u-visually-hidden"> the token “{t.name}”</span>
                      </Button>
                    </form>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <h2>Create a token</h2>
      <form method="post" action="/account/tokens" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput
          label="Name"
          hint="What the token is for, for example “Board pack export”"
          id="name"
          name="name"
          defaultValue={values.name ?? ""}
          error={errors.name}
          width={30}
        />
        <Radios legend="What may the token do?" legendProps={{ size: "s" }} id="scope" name="scope" error={errors.scope}>
          {TOKEN_SCOPES.map((scope) => (
            <Radios.Item key={scope} value={scope} defaultChecked={values.scope === scope} hint={TOKEN_SCOPE_LABELS[scope].description}>
              {TOKEN_SCOPE_LABELS[scope].name}
            </Radios.Item>
          ))}
        </Radios>
        <Button>Create token</Button>
      </form>
    </Layout>
  );
}

/** Shows a secret value to copy, with the warning that it will not be shown again. */
function SecretToCopy({ label, id, value, warning }: { label: string; id: string; value: string; warning: ReactNode }) {
  return (
    <>
      <WarningCallout>
        <WarningCallout.Heading headingLevel="h2">Copy it now</WarningCallout.Heading>
        {warning}
      </WarningCallout>
      <TextInput label={label} labelProps={{ size: "s" }} id={id} readOnly defaultValue={value} spellCheck={false} autoComplete="off" className="app-token" />
    </>
  );
}

/** The new token's secret, shown once in the response to the form that created it, never again. */
export function TokenCreatedPage({ ctx, name, scope, secret }: { ctx: ViewContext; name: string; scope: TokenScope; secret: string }) {
  return (
    <Layout ctx={ctx} title="Token created">
      <h1>Token created</h1>
      <p>
        “{name}” can {scope === "write" ? "read and change what your role allows" : "read what you can see"} through the API.
      </p>
      <SecretToCopy
        label="Your new token"
        id="token"
        value={secret}
        warning={<p>This token will not be shown again. Copy it now and keep it somewhere safe. If you lose it, revoke it and create another.</p>}
      />
      <p>
        <a href="/account/tokens">Back to your tokens</a>
      </p>
    </Layout>
  );
}

export interface UserListItem {
  id: string;
  name: string;
  email: string;
  role: Role;
  hasPassword: boolean;
}

/** Administrators: everyone with a role in this partnership. */
export function UsersPage({ ctx, users, currentUserId }: { ctx: ViewContext; users: UserListItem[]; currentUserId: string }) {
  return (
    <Layout ctx={ctx} title="Users">
      <h1>Users</h1>
      <p>Everyone with access to {ctx.partnershipName}. The public sees only what is published, without signing in.</p>
      <p>
        <a className="nhsuk-button" href="/admin/users/new" role="button" draggable="false">
          Invite a user
        </a>
      </p>
      <Table responsive caption="Users and their roles" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
        <Table.Head>
          <Table.Row>
            <Table.Cell>Name</Table.Cell>
            <Table.Cell>Email address</Table.Cell>
            <Table.Cell>Role</Table.Cell>
            <Table.Cell>Status</Table.Cell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {users.map((u) => (
            <Table.Row key={u.id}>
              <Table.Cell>
                <a href={`/admin/users/${u.id}`}>{u.name}</a>
                {u.id === currentUserId ? " (you)" : ""}
              </Table.Cell>
              <Table.Cell>{u.email}</Table.Cell>
              <Table.Cell>{ROLE_LABELS[u.role].name}</Table.Cell>
              <Table.Cell>{u.hasPassword ? "Active" : <Tag color="yellow">Invitation not accepted</Tag>}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <p>
        <a href="/partnership/settings">Partnership settings and objectives</a>
      </p>
    </Layout>
  );
}

function RoleRadios({ value, error, legend }: { value: string | undefined; error: string | undefined; legend: string }) {
  return (
    <Radios legend={legend} legendProps={{ size: "s" }} id="role" name="role" error={error}>
      {ROLES.map((role) => (
        <Radios.Item key={role} value={role} defaultChecked={value === role} hint={ROLE_LABELS[role].description}>
          {ROLE_LABELS[role].name}
        </Radios.Item>
      ))}
    </Radios>
  );
}

/** Administrators: invite someone by name, e-mail address and role. */
export function InviteUserPage({ ctx, values, errors }: { ctx: ViewContext; values: Record<string, string>; errors: FieldErrors }) {
  return (
    <Layout ctx={ctx} title={formTitle("Invite a user", errors)} beforeContent={<BackLink href="/admin/users">Users</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={RADIO_FIELD_IDS} />
      <h1>Invite a user</h1>
      <p>You will get a link to send to the person, so that they can set their password. Quorum does not send it for you.</p>
      <form method="post" action="/admin/users/new" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput label="Full name" id="name" name="name" autoComplete="off" spellCheck={false} defaultValue={values.name ?? ""} error={errors.name} />
        <TextInput
          label="Email address"
          id="email"
          name="email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          defaultValue={values.email ?? ""}
          error={errors.email}
        />
        <RoleRadios legend="Role" value={values.role} error={errors.role} />
        <Button>Invite</Button>
      </form>
    </Layout>
  );
}

/** The one-time link to set a password, shown to the administrator once, to send to the person. */
export function OneTimeLinkPage({
  ctx,
  purpose,
  name,
  link,
  expiresAt,
}: {
  ctx: ViewContext;
  purpose: "invite" | "reset";
  name: string;
  link: string;
  expiresAt: Date;
}) {
  const title = purpose === "invite" ? `${name} has been invited` : `Password reset link for ${name}`;
  return (
    <Layout ctx={ctx} title={title} beforeContent={<BackLink href="/admin/users">Users</BackLink>}>
      <h1>{title}</h1>
      <p>Send this link to {name} by a secure route, such as NHSmail. It lets whoever opens it set the password for their account.</p>
      <SecretToCopy
        label="Link to set a password"
        id="link"
        value={link}
        warning={
          <p>
            This link will not be shown again. It works once and stops working on {formatDateTime(expiresAt)}. If it is lost, create a new one from {name}'s
            page: the old one will then stop working.
          </p>
        }
      />
      <p>
        <a href="/admin/users">Back to users</a>
      </p>
    </Layout>
  );
}

/** After inviting someone who already has a Quorum account: they have the role and use their own password. */
export function ExistingAccountInvitedPage({ ctx, name, role }: { ctx: ViewContext; name: string; role: Role }) {
  return (
    <Layout ctx={ctx} title={`${name} has been given access`} beforeContent={<BackLink href="/admin/users">Users</BackLink>}>
      <h1>{name} has been given access</h1>
      <p>
        {name} already has a Quorum account, so no link is needed: they sign in to {ctx.partnershipName} with their email address and their existing password,
        as
        {` ${ROLE_LABELS[role].name.toLowerCase()}`}.
      </p>
      <p>
        <a href="/admin/users">Back to users</a>
      </p>
    </Layout>
  );
}

/** Administrators: one person's access: change role, issue a reset link, remove access. */
export function ManageUserPage({
  ctx,
  user,
  isSelf,
  values,
  errors,
}: {
  ctx: ViewContext;
  user: UserListItem;
  isSelf: boolean;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  return (
    <Layout ctx={ctx} title={formTitle(user.name, errors)} beforeContent={<BackLink href="/admin/users">Users</BackLink>}>
      <FormErrorSummary errors={errors} fieldIds={{ ...RADIO_FIELD_IDS, _form: "actions" }} />
      <h1>{user.name}</h1>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Email address</SummaryList.Key>
          <SummaryList.Value>{user.email}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Role</SummaryList.Key>
          <SummaryList.Value>{ROLE_LABELS[user.role].name}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Status</SummaryList.Key>
          <SummaryList.Value>{user.hasPassword ? "Active" : "Invitation not accepted yet"}</SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
      {isSelf ? (
        <InsetText id="actions">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>This is you. Another administrator must change your role or remove your access, so that the partnership always has an administrator.</p>
          <p>
            To change your password, go to <a href="/account/password">your account</a>.
          </p>
        </InsetText>
      ) : (
        <div id="actions">
          <h2>Change role</h2>
          <form method="post" action={`/admin/users/${user.id}/role`} noValidate>
            <CsrfField token={ctx.csrfToken} />
            <RoleRadios legend={`Role of ${user.name}`} value={values.role ?? user.role} error={errors.role} />
            <Button secondary>Change role</Button>
          </form>
          <h2>{user.hasPassword ? "Reset password" : "Invitation link"}</h2>
          <p>
            {user.hasPassword
              ? "Create a one-time link for them to set a new password. Their current password keeps working until they use it."
              : "Create a new invitation link if the first was lost or has expired."}{" "}
            Any earlier link stops working.
          </p>
          <form method="post" action={`/admin/users/${user.id}/reset-link`}>
            <CsrfField token={ctx.csrfToken} />
            <Button secondary>{user.hasPassword ? "Create a password reset link" : "Create a new invitation link"}</Button>
          </form>
          <h2>Remove access</h2>
          <p>
            {user.name} will be signed out of {ctx.partnershipName}, their API tokens here will be revoked, and they will see only public content. Their past
            changes stay in the history. You can invite them again later.
          </p>
          <form method="post" action={`/admin/users/${user.id}/remove`}>
            <CsrfField token={ctx.csrfToken} />
            <Button warning>
              Remove access<span className="nhsuk-u-visually-hidden"> for {user.name}</span>
            </Button>
          </form>
        </div>
      )}
    </Layout>
  );
}

/** Set a password from an invitation or reset link. */
export function SetPasswordPage({ ctx, token, user, errors }: { ctx: ViewContext; token: string; user: { name: string; email: string }; errors: FieldErrors }) {
  return (
    <Layout ctx={ctx} title={formTitle("Set your password", errors)}>
      <FormErrorSummary errors={errors} />
      <h1>Set your password</h1>
      <p>
        This sets the password for {user.name}, who signs in as <strong>{user.email}</strong>. The link works once.
      </p>
      <form method="post" action={`/set-password/${encodeURIComponent(token)}`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <PasswordInput
          label="New password"
          hint="Use 12 characters or more. A few unrelated words together are easy to remember and hard to guess."
          id="newPassword"
          name="newPassword"
          autoComplete="new-password"
          error={errors.newPassword}
        />
        <PasswordInput label="Confirm new password" id="confirmPassword" name="confirmPassword" autoComplete="new-password" error={errors.confirmPassword} />
        <Button>Set password</Button>
      </form>
    </Layout>
  );
}

/** A set-password link that cannot be used (unknown, used or expired), with what to do instead. */
export function LinkUnusablePage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout ctx={ctx} title="This link cannot be used">
      <h1>This link cannot be used</h1>
      <p>The link has expired or has already been used. Links to set a password work once, for {LINK_LIFETIME_DAYS} days.</p>
      <p>If you copied the link from a message, check that you copied all of it.</p>
      <p>Ask an administrator of {ctx.partnershipName} for a new link. If you have already set your password, you can sign in.</p>
      <p>
        <a href="/sign-in">Sign in</a>
      </p>
    </Layout>
  );
}

import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildApp } from "../../app.ts";
import { loadConfig } from "../../config.ts";
import { cookiesFrom, createTestApp, csrfFrom, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import { createPartnership, createUser } from "../../../tests/factories/index.ts";
import { SESSION_COOKIE } from "../../platform/http/http.plugin.tsx";
import { SIGN_IN_FAILED, SIGN_IN_THROTTLED } from "./accounts.service.ts";
import { partnershipUsers } from "./accounts.tables.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const FORM = "application/x-www-form-urlencoded";

/** Submits a form as a browser would, with the session's cookies and CSRF token. */
async function post(session: { cookie: string; csrf: string }, url: string, fields: Record<string, string> = {}) {
  return t.app.inject({ method: "POST", url, headers: { cookie: session.cookie, "content-type": FORM }, payload: form({ _csrf: session.csrf, ...fields }) });
}

async function get(url: string, cookie = "") {
  return t.app.inject({ method: "GET", url, headers: cookie ? { cookie } : {} });
}

/** Signs in through the real form; returns the response and, on success, the browser's cookies and a CSRF token. */
async function signInAs(email: string, password: string): Promise<{ response: LightMyRequestResponse; session: { cookie: string; csrf: string } | null }> {
  const anonymous = await t.anonymousSession();
  const response = await post(anonymous, "/sign-in", { email, password });
  if (response.statusCode !== 303) return { response, session: null };
  const cookie = cookiesFrom(response, anonymous.cookie);
  const home = await get("/", cookie);
  return { response, session: { cookie: cookiesFrom(home, cookie), csrf: csrfFrom(home.body) } };
}

/** The one-time link shown on an invitation or reset page. */
function linkFrom(html: string): string {
  const match = /(https?:\/\/[^"<\s]+\/set-password\/[A-Za-z0-9_-]+)/.exec(html);
  if (!match?.[1]) throw new Error("no set-password link in page");
  return match[1];
}

const pathOf = (link: string) => new URL(link).pathname;

async function auditActions(recordId: string): Promise<string[]> {
  const rows = await t.database.pool.query<{ action: string }>("select action from audit_events where partnership_id = $1 and record_id = $2 order by id", [
    t.partnership.id,
    recordId,
  ]);
  return rows.rows.map((r) => r.action);
}

async function roleOf(userId: string): Promise<string | null> {
  const rows = await t.database.pool.query<{ role: string }>("select role from partnership_users where partnership_id = $1 and user_id = $2", [
    t.partnership.id,
    userId,
  ]);
  return rows.rows[0]?.role ?? null;
}

describe("sign-in", () => {
  it("sets the session cookie HttpOnly and SameSite=Lax", async () => {
    const user = await createUser(t.database.db, t.partnership.id, "member");
    const { response } = await signInAs(user.email, user.password);
    expect(response.statusCode).toBe(303);
    const session = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(session).toBeDefined();
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    expect(session?.path).toBe("/");
  });

  it("answers an unknown e-mail and a wrong password identically, and throttles both after five failures", async () => {
    const known = await createUser(t.database.db, t.partnership.id, "viewer");
    const unknown = `nobody-${known.id}@example.org`;
    // The typed e-mail is shown back and every form carries its own CSRF token; all else must match.
    const normalise = (body: string, email: string) => body.replaceAll(email, "EMAIL").replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""');

    const wrong = await signInAs(known.email, "not the password");
    const nobody = await signInAs(unknown, "not the password");
    expect(wrong.response.statusCode).toBe(nobody.response.statusCode);
    expect(wrong.response.body).toContain(SIGN_IN_FAILED);
    expect(normalise(wrong.response.body, known.email)).toBe(normalise(nobody.response.body, unknown));

    for (let attempt = 2; attempt <= 5; attempt++) {
      expect((await signInAs(known.email, "not the password")).response.statusCode).toBe(401);
      expect((await signInAs(unknown, "not the password")).response.statusCode).toBe(401);
    }
    const sixthKnown = await signInAs(known.email, "not the password");
    const sixthUnknown = await signInAs(unknown, "not the password");
    expect(sixthKnown.response.statusCode).toBe(429);
    expect(sixthUnknown.response.statusCode).toBe(429);
    expect(sixthKnown.response.headers["retry-after"]).toBe(sixthUnknown.response.headers["retry-after"]);
    expect(sixthKnown.response.body).toContain(SIGN_IN_THROTTLED);
    expect(normalise(sixthKnown.response.body, known.email)).toBe(normalise(sixthUnknown.response.body, unknown));
    // While throttled, even the right password is refused, so guessing gains nothing.
    expect((await signInAs(known.email, known.password)).response.statusCode).toBe(429);
  });
});

describe("invitations and one-time links", () => {
  it("invites a person, who sets a password with the link once and can then sign in", async () => {
    const admin = await t.signIn("admin");
    const email = "hazel.smith@example.nhs.uk";
    const invite = await post(admin, "/admin/users/new", { name: "Hazel Smith", email, role: "secretary" });
    expect(invite.statusCode).toBe(201);
    expect(invite.body).toContain("will not be shown again");
    const link = linkFrom(invite.body);
    expect(link.startsWith("http://localhost:80/set-password/") || link.startsWith("http://localhost/set-password/")).toBe(true);
    // Nothing secret travels in headers: no redirect, no flash cookie.
    expect(invite.headers.location).toBeUndefined();
    expect(JSON.stringify(invite.headers["set-cookie"] ?? "")).not.toContain(pathOf(link).split("/").pop());

    const list = await get("/admin/users", admin.cookie);
    expect(list.body).toContain("Hazel Smith");
    expect(list.body).toContain("Invitation not accepted");
    expect(list.body).not.toContain(pathOf(link));

    const anonymous = await t.anonymousSession();
    const page = await get(pathOf(link), anonymous.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(email);

    const short = await post(anonymous, pathOf(link), { newPassword: "too short", confirmPassword: "too short" });
    expect(short.statusCode).toBe(422);
    expect(short.body).toMatch(/<title>Error: /);
    expect(short.body).toContain("Password must be 12 characters or more");
    expect(short.body).not.toContain('value="too short"');

    const set = await post(anonymous, pathOf(link), { newPassword: "a long and memorable passphrase", confirmPassword: "a long and memorable passphrase" });
    expect(set.statusCode).toBe(303);
    expect(set.headers.location).toBe("/sign-in");
    const signInPage = await get("/sign-in", cookiesFrom(set, anonymous.cookie));
    expect(signInPage.body).toContain("Your password has been set");

    const signedIn = await signInAs(email, "a long and memorable passphrase");
    expect(signedIn.response.statusCode).toBe(303);
    const account = await get("/account", signedIn.session!.cookie);
    expect(account.body).toContain("Hazel Smith");
    expect(account.body).toContain("Secretary (board office)");

    // The link cannot be used again, to look at or to set a password.
    const again = await get(pathOf(link), anonymous.cookie);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain("This link cannot be used");
    expect(again.body).toContain("Ask an administrator");
    const reuse = await post(anonymous, pathOf(link), { newPassword: "somebody else's passphrase", confirmPassword: "somebody else's passphrase" });
    expect(reuse.statusCode).toBe(410);
    expect((await signInAs(email, "somebody else's passphrase")).response.statusCode).toBe(401);
  });

  it("keeps typed values when an invitation has errors, and refuses a second invitation of the same person", async () => {
    const admin = await t.signIn("admin");
    const bad = await post(admin, "/admin/users/new", { name: "Glenn Douglas", email: "not-an-email", role: "" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/<title>Error: /);
    expect(bad.body).toContain("Enter an email address in the correct format");
    expect(bad.body).toContain("Select a role");
    expect(bad.body).toContain('href="#role-1"');
    expect(bad.body).toContain('value="Glenn Douglas"');
    expect(bad.body).toContain('value="not-an-email"');

    const existing = await createUser(t.database.db, t.partnership.id, "member");
    const twice = await post(admin, "/admin/users/new", { name: "Again", email: existing.email.toUpperCase(), role: "viewer" });
    expect(twice.statusCode).toBe(422);
    expect(twice.body).toContain("already has access to this partnership");
  });

  it("makes older links stop working when a new reset link is issued", async () => {
    const admin = await t.signIn("admin");
    const user = await createUser(t.database.db, t.partnership.id, "member");
    const first = await post(admin, `/admin/users/${user.id}/reset-link`);
    expect(first.statusCode).toBe(201);
    const second = await post(admin, `/admin/users/${user.id}/reset-link`);
    expect(second.statusCode).toBe(201);
    const [firstLink, secondLink] = [linkFrom(first.body), linkFrom(second.body)];
    expect(firstLink).not.toBe(secondLink);

    const anonymous = await t.anonymousSession();
    expect((await get(pathOf(firstLink), anonymous.cookie)).statusCode).toBe(410);
    const stale = await post(anonymous, pathOf(firstLink), { newPassword: "an attacker's passphrase", confirmPassword: "an attacker's passphrase" });
    expect(stale.statusCode).toBe(410);
    // Until the new link is used, the old password still works.
    expect((await signInAs(user.email, user.password)).response.statusCode).toBe(303);
    const set = await post(anonymous, pathOf(secondLink), { newPassword: "the member's new passphrase", confirmPassword: "the member's new passphrase" });
    expect(set.statusCode).toBe(303);
    expect((await signInAs(user.email, "the member's new passphrase")).response.statusCode).toBe(303);
    expect(await auditActions(user.id)).toEqual(expect.arrayContaining(["reset_link", "password_reset"]));
  });

  it("never gives one partnership's administrator a link to an account another partnership trusts", async () => {
    const admin = await t.signIn("admin");
    const other = await createPartnership(t.database.db);
    const elsewhere = await createUser(t.database.db, other.id, "admin", { name: "Other Admin" });

    // Inviting them gives the role, but no link: they sign in with the password they have.
    const invite = await post(admin, "/admin/users/new", { name: "Other Admin", email: elsewhere.email, role: "viewer" });
    expect(invite.statusCode).toBe(201);
    expect(invite.body).toContain("already has a Quorum account");
    expect(invite.body).not.toContain("/set-password/");
    expect(await roleOf(elsewhere.id)).toBe("viewer");

    // And no reset link can be made for them here.
    const reset = await post(admin, `/admin/users/${elsewhere.id}/reset-link`);
    expect(reset.statusCode).toBe(422);
    expect(reset.body).toContain("also has access to another partnership");
    expect(reset.body).not.toContain("/set-password/");

    // A link made while the person was only ours stops working once another partnership trusts them.
    const ours = await createUser(t.database.db, t.partnership.id, "member");
    const link = linkFrom((await post(admin, `/admin/users/${ours.id}/reset-link`)).body);
    await t.database.pool.query("insert into partnership_users (partnership_id, user_id, role) values ($1, $2, 'admin')", [other.id, ours.id]);
    const anonymous = await t.anonymousSession();
    expect((await post(anonymous, pathOf(link), { newPassword: "taking over the account", confirmPassword: "taking over the account" })).statusCode).toBe(410);
    expect((await signInAs(ours.email, ours.password)).response.statusCode).toBe(303);
  });
});

describe("your account", () => {
  it("shows your name, e-mail and role, with links to your password and tokens", async () => {
    const member = await t.signIn("member");
    const page = await get("/account", member.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Your account");
    expect(page.body).toContain("@example.org");
    expect(page.body).toContain("Member");
    expect(page.body).toContain('href="/account/password"');
    expect(page.body).toContain('href="/account/tokens"');
    expect(page.body).not.toContain('href="/partnership/settings"');
    expect((await get("/account")).statusCode).toBe(401);
  });

  it("changes the password, keeping this browser signed in and signing out every other session", async () => {
    const user = await createUser(t.database.db, t.partnership.id, "contributor");
    const here = (await signInAs(user.email, user.password)).session!;
    const there = (await signInAs(user.email, user.password)).session!;

    const mismatch = await post(here, "/account/password", {
      currentPassword: user.password,
      newPassword: "a brand new passphrase",
      confirmPassword: "a different one entirely",
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain("Passwords do not match");
    expect(mismatch.body).not.toContain("a brand new passphrase");
    const wrong = await post(here, "/account/password", {
      currentPassword: "not my password",
      newPassword: "a brand new passphrase",
      confirmPassword: "a brand new passphrase",
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain("Your current password is not correct");

    const changed = await post(here, "/account/password", {
      currentPassword: user.password,
      newPassword: "a brand new passphrase",
      confirmPassword: "a brand new passphrase",
    });
    expect(changed.statusCode).toBe(303);
    const renewed = changed.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(renewed?.httpOnly).toBe(true);
    const stillHere = await get("/account", cookiesFrom(changed, here.cookie));
    expect(stillHere.statusCode).toBe(200);
    expect(stillHere.body).toContain("Your password has been changed");

    expect((await get("/account", there.cookie)).statusCode).toBe(401);
    // The old cookie of this browser was replaced too, so a copy of it is no use.
    expect((await get("/account", here.cookie)).statusCode).toBe(401);
    expect((await signInAs(user.email, user.password)).response.statusCode).toBe(401);
    expect((await signInAs(user.email, "a brand new passphrase")).response.statusCode).toBe(303);
    expect(await auditActions(user.id)).toContain("password_change");
  });
});

describe("personal access tokens", () => {
  it("creates a token in the browser, shows it once, and it works on the API until revoked", async () => {
    const secretary = await t.signIn("secretary");
    const bad = await post(secretary, "/account/tokens", { name: "Board pack export", scope: "" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Select what the token may do");
    expect(bad.body).toContain('value="Board pack export"');

    const created = await post(secretary, "/account/tokens", { name: "Board pack export", scope: "write" });
    expect(created.statusCode).toBe(201);
    expect(created.body).toContain("will not be shown again");
    const secret = /value="(qrm_[A-Za-z0-9_-]+)"/.exec(created.body)?.[1];
    expect(secret).toBeDefined();
    expect(created.headers.location).toBeUndefined();
    expect(JSON.stringify(created.headers)).not.toContain(secret);

    const list = await get("/account/tokens", secretary.cookie);
    expect(list.body).toContain("Board pack export");
    expect(list.body).toContain(secret!.slice(0, 10));
    expect(list.body).not.toContain(secret);

    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${secret}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ userId: secretary.userId, role: "secretary", scope: "write", via: "token", partnership: { id: t.partnership.id } });

    const tokenId = /action="\/account\/tokens\/([0-9a-f-]{36})\/revoke"/.exec(list.body)?.[1];
    expect(tokenId).toBeDefined();
    const revoked = await post(secretary, `/account/tokens/${tokenId}/revoke`);
    expect(revoked.statusCode).toBe(303);
    const after = await get("/account/tokens", cookiesFrom(revoked, secretary.cookie));
    expect(after.body).toContain("has been revoked");
    expect(after.body).toContain("Revoked");
    const refused = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${secret}` } });
    expect(refused.statusCode).toBe(401);
    expect(await auditActions(tokenId!)).toEqual(["create", "revoke"]);
  });

  it("cannot revoke someone else's token, and a token cannot manage tokens", async () => {
    const owner = await t.signIn("member");
    const created = await post(owner, "/account/tokens", { name: "Mine", scope: "read" });
    const secret = /value="(qrm_[A-Za-z0-9_-]+)"/.exec(created.body)![1]!;
    const tokenId = /action="\/account\/tokens\/([0-9a-f-]{36})\/revoke"/.exec((await get("/account/tokens", owner.cookie)).body)![1]!;
    const intruder = await t.signIn("admin");
    expect((await post(intruder, `/account/tokens/${tokenId}/revoke`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: "/account/tokens", headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(403);
  });

  it("answers GET /api/v1/me for a session, and 401 for the public", async () => {
    const viewer = await t.signIn("viewer");
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: viewer.cookie } });
    expect(me.json()).toMatchObject({ userId: viewer.userId, role: "viewer", via: "session" });
    const anonymous = await t.app.inject({ method: "GET", url: "/api/v1/me" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe("unauthorised");
  });
});

describe("users and roles", () => {
  it("lets only administrators in: 401 for the public, 403 for a viewer or an admin's token", async () => {
    expect((await get("/admin/users")).statusCode).toBe(401);
    const viewer = await t.signIn("viewer");
    expect((await get("/admin/users", viewer.cookie)).statusCode).toBe(403);
    expect((await post(viewer, "/admin/users/new", { name: "X", email: "x@example.org", role: "admin" })).statusCode).toBe(403);
    const adminToken = await t.token("admin", "write");
    expect((await t.app.inject({ method: "GET", url: "/admin/users", headers: { authorization: `Bearer ${adminToken}` } })).statusCode).toBe(403);
    const admin = await t.signIn("admin");
    const list = await get("/admin/users", admin.cookie);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("(you)");
  });

  it("changes another person's role, but an admin cannot demote or remove themself", async () => {
    const admin = await t.signIn("admin");
    const user = await createUser(t.database.db, t.partnership.id, "viewer");
    const changed = await post(admin, `/admin/users/${user.id}/role`, { role: "contributor" });
    expect(changed.statusCode).toBe(303);
    expect(await roleOf(user.id)).toBe("contributor");

    const own = await get(`/admin/users/${admin.userId}`, admin.cookie);
    expect(own.body).toContain("This is you");
    expect(own.body).not.toContain(`action="/admin/users/${admin.userId}/remove"`);
    const demote = await post(admin, `/admin/users/${admin.userId}/role`, { role: "viewer" });
    expect(demote.statusCode).toBe(422);
    expect(demote.body).toContain("You cannot remove your own admin role");
    const remove = await post(admin, `/admin/users/${admin.userId}/remove`);
    expect(remove.statusCode).toBe(422);
    expect(remove.body).toContain("You cannot remove your own access");
    expect(await roleOf(admin.userId)).toBe("admin");
    expect((await get("/admin/users", admin.cookie)).statusCode).toBe(200);
  });

  it("removes a person's access: role, sessions and tokens here end, and it is audited", async () => {
    const admin = await t.signIn("admin");
    const leaver: Session = await t.signIn("secretary");
    const created = await post(leaver, "/account/tokens", { name: "Leaver's token", scope: "write" });
    const secret = /value="(qrm_[A-Za-z0-9_-]+)"/.exec(created.body)![1]!;

    const removed = await post(admin, `/admin/users/${leaver.userId}/remove`);
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe("/admin/users");
    expect(await roleOf(leaver.userId)).toBeNull();
    expect((await get("/account", leaver.cookie)).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(401);
    expect((await get(`/admin/users/${leaver.userId}`, admin.cookie)).statusCode).toBe(404);
    expect(await auditActions(leaver.userId)).toContain("remove_access");
  });
});

describe("secrets and logs", () => {
  it("never writes a set-password link or a new token's secret to the logs", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split("\n").filter(Boolean));
        done();
      },
    });
    const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: t.testDatabase.url, LOG_LEVEL: "info", QUORUM_DEMO: "false" });
    const logged: FastifyInstance = await buildApp({ config, database: t.database, logStream: stream });
    try {
      const admin = await createUser(t.database.db, t.partnership.id, "admin");
      const page = await logged.inject({ method: "GET", url: "/sign-in" });
      const anonymous = { cookie: cookiesFrom(page), csrf: csrfFrom(page.body) };
      const send = (session: { cookie: string; csrf: string }, url: string, fields: Record<string, string>) =>
        logged.inject({ method: "POST", url, headers: { cookie: session.cookie, "content-type": FORM }, payload: form({ _csrf: session.csrf, ...fields }) });
      const signedIn = await send(anonymous, "/sign-in", { email: admin.email, password: admin.password });
      const cookie = cookiesFrom(signedIn, anonymous.cookie);
      const session = { cookie, csrf: csrfFrom((await logged.inject({ method: "GET", url: "/", headers: { cookie } })).body) };

      const link = pathOf(
        linkFrom((await send(session, "/admin/users/new", { name: "Logged Person", email: "logged.person@example.org", role: "viewer" })).body),
      );
      const linkToken = link.split("/").pop()!;
      await logged.inject({ method: "GET", url: link, headers: { cookie: anonymous.cookie } });
      await send(anonymous, link, { newPassword: "short", confirmPassword: "short" });
      expect((await send(anonymous, link, { newPassword: "a logged person's passphrase", confirmPassword: "a logged person's passphrase" })).statusCode).toBe(
        303,
      );
      expect((await send(anonymous, link, { newPassword: "a logged person's passphrase", confirmPassword: "a logged person's passphrase" })).statusCode).toBe(
        410,
      );
      const created = await send(session, "/account/tokens", { name: "Logged token", scope: "read" });
      const secret = /value="(qrm_[A-Za-z0-9_-]+)"/.exec(created.body)![1]!;

      const all = lines.join("\n");
      expect(all).toContain("/set-password/[redacted]");
      expect(all).not.toContain(linkToken);
      expect(all).not.toContain(secret);
      expect(all).not.toContain("a logged person's passphrase");
    } finally {
      await logged.close();
    }
  });
});

describe("sessions and partnerships", () => {
  it("sign a user in only in the partnership where the session was opened", async () => {
    const other = await createPartnership(t.database.db, { hostnames: ["other-partnership.test"] });
    const s = await t.signIn("secretary");
    // The same person also holds a role in the other partnership.
    await t.database.db.insert(partnershipUsers).values({ partnershipId: other.id, userId: s.userId, role: "admin" });
    const here = await t.app.inject({ method: "GET", url: "/account", headers: { cookie: s.cookie } });
    expect(here.statusCode).toBe(200);
    const there = await t.app.inject({ method: "GET", url: "/account", headers: { cookie: s.cookie, host: "other-partnership.test" } });
    expect(there.statusCode).toBe(401);
  });
});

describe("changing a password", () => {
  it("stops guesses at the current password after five wrong ones", async () => {
    const s = await t.signIn("viewer");
    const attempt = (currentPassword: string) =>
      t.app.inject({
        method: "POST",
        url: "/account/password",
        headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: form({ _csrf: s.csrf, currentPassword, newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong guess ${i}`)).statusCode).toBe(422);
    const blocked = await attempt("correct horse battery staple");
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain("Too many attempts to change your password");
  });
});

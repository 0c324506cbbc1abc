import type { Role } from "../src/modules/accounts/accounts.tables.ts";

/** The demo partnership's sign-ins, one per role. Example data: these addresses are invented. */
export const DEMO_PASSWORD = "quorum-demo-2017";

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "admin@example.org", name: "Demo Administrator", role: "admin" },
  { email: "secretary@example.org", name: "Demo Board Secretary", role: "secretary" },
  { email: "member@example.org", name: "Demo Board Member", role: "member" },
  { email: "contributor@example.org", name: "Demo Workstream Lead", role: "contributor" },
  { email: "viewer@example.org", name: "Demo Viewer", role: "viewer" },
];

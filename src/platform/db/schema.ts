// Every table, for Drizzle's relational queries. Modules own their tables; this file only gathers them.
export * from "../../modules/partnerships/partnerships.tables.ts";
export * from "../../modules/accounts/accounts.tables.ts";
export * from "../audit/audit.tables.ts";
export * from "../../modules/organisations/organisations.tables.ts";
export * from "../../modules/people/people.tables.ts";
export * from "../../modules/bodies/bodies.tables.ts";
export * from "../../modules/meetings/meetings.tables.ts";
export * from "../../modules/attendance/attendance.tables.ts";
export * from "../../modules/minutes/minutes.tables.ts";
export * from "../../modules/papers/papers.tables.ts";
export * from "../../modules/interests/interests.tables.ts";
export * from "../../modules/decisions/decisions.tables.ts";
export * from "../../modules/actions/actions.tables.ts";
export * from "../../modules/forward-plan/forward-plan.tables.ts";

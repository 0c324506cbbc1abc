import { hasRole, mayWriteAs, type Principal } from "../../platform/auth/principal.ts";
import { maySeeMinutes } from "../meetings/confidentiality.ts";
import type { MinutesStatus } from "../meetings/meetings.tables.ts";

/**
 * Who may see and record attendance. Deny by default. Who came, and whether the meeting was
 * quorate, is part of the minutes: insiders see it as soon as it is recorded; the public once the
 * minutes are approved (then it is published with them).
 */
export const attendancePolicy = {
  view: (p: Principal, meeting: { minutesStatus: MinutesStatus | null }) => maySeeMinutes(p, meeting),
  /** The board office (secretaries) and admins record attendance. */
  record: (p: Principal) => mayWriteAs(p, ["admin", "secretary"]),
  /** Controls are offered to those who could use them in the browser. */
  showRecordControls: (p: Principal) => hasRole(p, ["admin", "secretary"]),
};

import { toLondon } from "../../platform/time.ts";

/**
 * A meeting's address on the website: the readable form /bodies/:slug/meetings/:date (its day in
 * England) when its body has a slug, else /meetings/:id. The readable address answers with a
 * permanent redirect to the meeting page (see the public-site module).
 */
export function meetingPath(m: { id: string; startsAt: Date; body: { slug?: string | null | undefined } }): string {
  return m.body.slug ? `/bodies/${m.body.slug}/meetings/${toLondon(m.startsAt).date}` : `/meetings/${m.id}`;
}

/** What numbering needs of an agenda item. */
export interface OrderableItem {
  id: string;
  parentItemId: string | null;
  position: number;
  durationMinutes: number | null;
}

/** An item in agenda order with its derived number and timings. */
export type NumberedItem<T extends OrderableItem> = T & {
  /** "1", "2", "2.1": derived from the order, never stored. */
  number: string;
  /** Nesting depth: 0 for an item, 1 for a sub-item. */
  depth: number;
  startTime: Date;
  endTime: Date;
  /** True when the item ends after the meeting is due to end. */
  overruns: boolean;
};

const byPosition = (a: OrderableItem, b: OrderableItem) => a.position - b.position || a.id.localeCompare(b.id);

/**
 * Puts items in agenda order (each item followed by its sub-items) and numbers them 1, 2, 2.1.
 * Sub-items whose parent is not in the list (hidden from this viewer) are left out with it.
 */
export function inAgendaOrder<T extends OrderableItem>(items: readonly T[]): { item: T; number: string; depth: number }[] {
  const children = new Map<string, T[]>();
  const top: T[] = [];
  const ids = new Set(items.map((i) => i.id));
  for (const item of items) {
    if (item.parentItemId === null) top.push(item);
    else if (ids.has(item.parentItemId)) children.set(item.parentItemId, [...(children.get(item.parentItemId) ?? []), item]);
  }
  const out: { item: T; number: string; depth: number }[] = [];
  const walk = (list: T[], prefix: string, depth: number) => {
    list.sort(byPosition).forEach((item, index) => {
      const number = `${prefix}${index + 1}`;
      out.push({ item, number, depth });
      walk(children.get(item.id) ?? [], `${number}.`, depth + 1);
    });
  };
  walk(top, "", 0);
  return out;
}

/**
 * Numbers the items and runs the clock from the meeting's start: each item starts when the one
 * before it (in agenda order, sub-items after their parent) is due to finish; an item without a
 * time allocation takes none.
 */
export function numberAgenda<T extends OrderableItem>(items: readonly T[], meeting: { startsAt: Date; endsAt: Date }): NumberedItem<T>[] {
  let clock = meeting.startsAt.getTime();
  return inAgendaOrder(items).map(({ item, number, depth }) => {
    const startTime = new Date(clock);
    clock += (item.durationMinutes ?? 0) * 60_000;
    const endTime = new Date(clock);
    return { ...item, number, depth, startTime, endTime, overruns: endTime.getTime() > meeting.endsAt.getTime() };
  });
}

/** Minutes the agenda runs past the meeting's end (0 when it fits). */
export function overrunMinutes(items: readonly { endTime: Date }[], meeting: { endsAt: Date }): number {
  const last = items.reduce((max, i) => Math.max(max, i.endTime.getTime()), 0);
  return Math.max(0, Math.round((last - meeting.endsAt.getTime()) / 60_000));
}

/**
 * The sibling an item swaps places with when moved up or down, or null at either end. Siblings
 * share a parent; `position` orders them.
 */
export function neighbourFor<T extends OrderableItem>(items: readonly T[], itemId: string, direction: "up" | "down"): T | null {
  const item = items.find((i) => i.id === itemId);
  if (!item) return null;
  const siblings = items.filter((i) => i.parentItemId === item.parentItemId).sort(byPosition);
  const index = siblings.findIndex((i) => i.id === itemId);
  return siblings[direction === "up" ? index - 1 : index + 1] ?? null;
}

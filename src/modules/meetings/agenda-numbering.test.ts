import { describe, expect, it } from "vitest";
import { inAgendaOrder, neighbourFor, numberAgenda, overrunMinutes } from "./agenda-numbering.ts";

const item = (id: string, position: number, durationMinutes: number | null, parentItemId: string | null = null) => ({
  id,
  position,
  durationMinutes,
  parentItemId,
});
const meeting = { startsAt: new Date("2018-03-05T10:00:00Z"), endsAt: new Date("2018-03-05T12:00:00Z") };
const hhmm = (d: Date) => d.toISOString().slice(11, 16);

describe("agenda numbering and running times", () => {
  it("numbers items 1, 2, 2.1, 2.2, 3 from their positions, whatever order they arrive in", () => {
    const items = [item("c", 2, 10), item("b1", 0, 15, "b"), item("a", 0, 5), item("b", 1, 0), item("b2", 1, 20, "b")];
    expect(inAgendaOrder(items).map((i) => `${i.number} ${i.item.id}`)).toEqual(["1 a", "2 b", "2.1 b1", "2.2 b2", "3 c"]);
  });

  it("runs the clock from the meeting's start, sub-items after their parent", () => {
    const numbered = numberAgenda([item("a", 0, 5), item("b", 1, null), item("b1", 0, 15, "b"), item("b2", 1, 20, "b"), item("c", 2, 10)], meeting);
    expect(numbered.map((i) => [i.number, hhmm(i.startTime), hhmm(i.endTime)])).toEqual([
      ["1", "10:00", "10:05"],
      ["2", "10:05", "10:05"],
      ["2.1", "10:05", "10:20"],
      ["2.2", "10:20", "10:40"],
      ["3", "10:40", "10:50"],
    ]);
    expect(numbered.every((i) => !i.overruns)).toBe(true);
    expect(overrunMinutes(numbered, meeting)).toBe(0);
  });

  it("warns of an overrun when the agenda runs past the meeting's end", () => {
    const numbered = numberAgenda([item("a", 0, 60), item("b", 1, 45), item("c", 2, 30)], meeting);
    expect(numbered.map((i) => i.overruns)).toEqual([false, false, true]);
    expect(overrunMinutes(numbered, meeting)).toBe(15);
  });

  it("breaks ties in position by id, so equal positions still give a stable order", () => {
    expect(inAgendaOrder([item("b", 0, 0), item("a", 0, 0)]).map((i) => i.item.id)).toEqual(["a", "b"]);
  });

  it("leaves out sub-items whose parent is not in the list", () => {
    expect(inAgendaOrder([item("a", 0, 0), item("x1", 0, 0, "x")]).map((i) => i.number)).toEqual(["1"]);
  });

  it("finds the sibling to swap with when moving up or down", () => {
    const items = [item("a", 0, 0), item("b", 1, 0), item("b1", 0, 0, "b"), item("b2", 1, 0, "b"), item("c", 2, 0)];
    expect(neighbourFor(items, "b", "up")?.id).toBe("a");
    expect(neighbourFor(items, "b", "down")?.id).toBe("c");
    expect(neighbourFor(items, "a", "up")).toBeNull();
    expect(neighbourFor(items, "b2", "up")?.id).toBe("b1");
    expect(neighbourFor(items, "b2", "down")).toBeNull();
  });
});

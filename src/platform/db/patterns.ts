/** A LIKE/ILIKE pattern matching text that contains `q`, with its wildcards escaped so "100%" means the characters. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * NeDB keeps one JSON document per line, but its line reader also breaks lines at U+0085, U+2028
 * and U+2029, which JSON.stringify leaves as they are inside strings. A name with such a character
 * (pasted text) would split its document in two, and NeDB would drop both halves on the next load.
 * Written as JSON escapes instead, they parse back to the same character.
 */
const NEDB_ONLY_LINE_BREAKS = /[\x85\u2028\u2029]/g;

/** NeDB's `afterSerialization` hook. The characters only ever occur inside JSON strings, where an escape is equivalent. */
export function escapeLineBreaks(line: string): string {
  return line.replace(NEDB_ONLY_LINE_BREAKS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** NeDB's `beforeDeserialization` hook: JSON.parse reads the escapes itself. */
export function unchanged(line: string): string {
  return line;
}

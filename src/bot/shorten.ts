/** Text cut to `max` characters with "…" (button titles, stored messages, list lines). */
export function shorten(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

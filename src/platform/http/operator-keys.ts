/** Deeper bodies are refused outright: scanning them costs time, and no update or activity needs it. */
export const MAX_BODY_DEPTH = 32;

export type OperatorKeyScan = { found: 'none' } | { found: 'operator'; key: string } | { found: 'too-deep' };

/**
 * Looks through untrusted JSON for a key such as "$gt" or "$where", so that whatever reaches a
 * repository later is a plain value, never a query operator. (The store's query guard checks again.)
 */
export function scanForOperatorKeys(value: unknown, depth = 0): OperatorKeyScan {
  if (value === null || typeof value !== 'object') return { found: 'none' };
  if (depth > MAX_BODY_DEPTH) return { found: 'too-deep' };
  const entries = Array.isArray(value) ? value.map((item): [string, unknown] => ['', item]) : Object.entries(value);
  for (const [key, item] of entries) {
    if (key.startsWith('$')) return { found: 'operator', key };
    const inner = scanForOperatorKeys(item, depth + 1);
    if (inner.found !== 'none') return inner;
  }
  return { found: 'none' };
}

export function operatorKeyMessage(scan: Exclude<OperatorKeyScan, { found: 'none' }>): string {
  return scan.found === 'too-deep' ? 'the request body is nested too deeply' : `keys starting with "$" are not allowed (found "${scan.key.slice(0, 40)}")`;
}

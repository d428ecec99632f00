/**
 * NeDB's and Node's errors as short, safe reasons for logs and /readyz. NeDB's own messages may
 * quote document values (a unique clash names the key), so they are never passed on.
 */

/** A failing disk or file (full, read-only, I/O error), as opposed to a unique clash or a bad update. */
export function isStorageFailure(error: unknown): boolean {
  const candidate = error as { code?: unknown; errorOnFsync?: unknown; errorOnClose?: unknown } | null;
  return typeof candidate?.code === 'string' || candidate?.errorOnFsync !== undefined || candidate?.errorOnClose !== undefined;
}

export function describeStorageError(error: unknown): string {
  const candidate = (error ?? {}) as { code?: unknown; errorType?: unknown; errorOnFsync?: { code?: unknown }; errorOnClose?: { code?: unknown }; name?: unknown };
  if (typeof candidate.code === 'string') return candidate.code;
  if (candidate.errorOnFsync || candidate.errorOnClose) return `flush to disk failed (${String(candidate.errorOnFsync?.code ?? candidate.errorOnClose?.code ?? 'unknown')})`;
  if (candidate.errorType === 'uniqueViolated') return 'a unique index is violated by the stored documents';
  return typeof candidate.name === 'string' ? candidate.name : 'unknown error';
}

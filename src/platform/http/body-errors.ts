/**
 * What body-parser passes on when a body says gzip/deflate/br but is not: zlib's own error (an
 * `errno`, a code such as Z_DATA_ERROR or ERR__ERROR_FORMAT_PADDING_2) with status 400 and no `type`.
 */
export function isUndecodableBody(error: unknown): boolean {
  const { errno, status, type } = (error ?? {}) as { errno?: unknown; status?: unknown; type?: unknown };
  return typeof errno === 'number' && status === 400 && type === undefined;
}

export const UNDECODABLE_BODY = 'the request body does not match its Content-Encoding (it could not be decompressed)';

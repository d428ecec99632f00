import { describe, expect, it } from 'vitest';
import { CALLBACK_DATA_MAX_BYTES, encodeCallbackData, parseCallbackData } from '../../../src/channels/telegram/callback-data.js';

describe('callback data', () => {
  it('carries the button sequence and the payload', () => {
    expect(encodeCallbackData(12, 'workshop:register:7')).toEqual({ data: '12|workshop:register:7', truncated: false });
    expect(parseCallbackData('12|workshop:register:7')).toEqual({ buttonSeq: 12, payload: 'workshop:register:7' });
  });

  it('keeps a payload that itself contains the separator', () => {
    expect(parseCallbackData('3|a|b')).toEqual({ buttonSeq: 3, payload: 'a|b' });
  });

  it('passes data of another format through whole', () => {
    expect(parseCallbackData('umwelt')).toEqual({ buttonSeq: 0, payload: 'umwelt' });
    expect(parseCallbackData('x|umwelt')).toEqual({ buttonSeq: 0, payload: 'x|umwelt' });
  });

  it('cuts a long payload to 64 bytes without splitting a character', () => {
    const payload = 'Straßenfest-Größe-🎉'.repeat(5);
    const { data, truncated } = encodeCallbackData(7, payload);
    expect(truncated).toBe(true);
    expect(Buffer.byteLength(data, 'utf8')).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    expect(Buffer.from(data, 'utf8').toString('utf8')).toBe(data);
    expect(data).not.toContain('\uFFFD');
    expect(payload.startsWith(parseCallbackData(data).payload)).toBe(true);
  });
});

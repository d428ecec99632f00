import { describe, expect, it } from 'vitest';
import { splitText } from '../../../src/platform/text/split-text.js';

const LIMIT = 4096;

describe('splitText', () => {
  it('leaves a short text alone and drops an empty one', () => {
    expect(splitText('Hallo', LIMIT)).toEqual(['Hallo']);
    expect(splitText('  ', LIMIT)).toEqual([]);
  });

  it('splits at paragraph boundaries first', () => {
    const paragraph = 'a'.repeat(3000);
    expect(splitText(`${paragraph}\n\n${paragraph}`, LIMIT)).toEqual([paragraph, paragraph]);
  });

  it('falls back to lines, then words, and keeps every chunk within 4096 characters', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `Wort${i}`).join(' ');
    const chunks = splitText(words, LIMIT);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((chunk) => chunk.length <= 4096)).toBe(true);
    expect(chunks.join(' ')).toBe(words);
  });

  it('never cuts an emoji in half', () => {
    const text = `${'x'.repeat(4095)}😀${'y'.repeat(10)}`;
    const chunks = splitText(text, LIMIT);
    expect(chunks[0]).toBe('x'.repeat(4095));
    expect(chunks[1]?.startsWith('😀')).toBe(true);
  });
});

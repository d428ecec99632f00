import { describe, expect, it } from 'vitest';
import { typedList, westernDigits } from '../../../src/platform/text/typed-input.js';
import { hoursOf } from '../../../src/features/volunteering/dialogs/volunteering-prompts.js';

describe('typed input in every script', () => {
  it('reads Arabic-Indic and Persian digits as 0–9 and leaves other text alone', () => {
    expect(westernDigits('٤ ساعات')).toBe('4 ساعات');
    expect(westernDigits('۱۲')).toBe('12');
    expect(westernDigits('Barmen 42')).toBe('Barmen 42');
  });

  it('splits lists at the Arabic comma and at "and" in each offered language', () => {
    expect(typedList('البيئة، الرياضة')).toEqual(['البيئة', 'الرياضة']);
    expect(typedList('çevre ve spor')).toEqual(['çevre', 'spor']);
    expect(typedList('спорт и дети')).toEqual(['спорт', 'дети']);
    expect(typedList('Umwelt, Sport und Kinder')).toEqual(['Umwelt', 'Sport', 'Kinder']);
  });

  it('understands the hours per month in any language, and nothing that is not one number', () => {
    expect(hoursOf('٤ ساعات')).toBe(4);
    expect(hoursOf('10 saat')).toBe(10);
    expect(hoursOf('około 5 godzin')).toBe(5);
    expect(hoursOf('ca. 10 Stunden im Monat')).toBe(10);
    expect(hoursOf('2 oder 3')).toBeNull();
    expect(hoursOf('500')).toBeNull();
    expect(hoursOf('sehr viel')).toBeNull();
  });
});

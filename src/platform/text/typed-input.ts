/**
 * What people type in their own script, read the same everywhere: Arabic-Indic and Persian digits
 * as 0–9, the Arabic comma and semicolon as list separators, and the word "and" of every language
 * the bot speaks between list items.
 */
const ARABIC_INDIC = /[\u0660-\u0669]/g;
const PERSIAN = /[\u06F0-\u06F9]/g;

/** "٤" or "۴" → "4"; every other character stays. */
export function westernDigits(text: string): string {
  return text.replace(ARABIC_INDIC, (digit) => String(digit.charCodeAt(0) - 0x0660)).replace(PERSIAN, (digit) => String(digit.charCodeAt(0) - 0x06f0));
}

/** "and" between items: und, and, sowie, ve, і/та, و, и, i (with spaces around). */
const AND = String.raw`\s+(?:und|and|sowie|ve|і|та|و|и|i|oraz)\s+`;
const LIST_SPLIT = new RegExp(String.raw`[,;\n\u060C\u061B]|${AND}`, 'iu');

/** "Umwelt, Sport und Kinder" / "البيئة، الرياضة" / "спорт и дети" → the items, trimmed. */
export function typedList(text: string): string[] {
  return text
    .split(LIST_SPLIT)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

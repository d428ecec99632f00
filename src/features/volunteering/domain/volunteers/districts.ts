import type { DemoSet } from '../../../../platform/config/config-types.js';

/** The city districts ("Stadtbezirke") of the demo cities, offered when a tenant configures none. */
export const BUILT_IN_DISTRICTS: Record<DemoSet, { city: string; districts: readonly string[] }> = {
  wuppertal: {
    city: 'Wuppertal',
    districts: [
      'Elberfeld',
      'Elberfeld-West',
      'Uellendahl-Katernberg',
      'Vohwinkel',
      'Cronenberg',
      'Barmen',
      'Oberbarmen',
      'Heckinghausen',
      'Langerfeld-Beyenburg',
      'Ronsdorf',
    ],
  },
  dortmund: {
    city: 'Dortmund',
    districts: [
      'Innenstadt-West',
      'Innenstadt-Nord',
      'Innenstadt-Ost',
      'Eving',
      'Scharnhorst',
      'Brackel',
      'Aplerbeck',
      'Hörde',
      'Hombruch',
      'Lütgendortmund',
      'Huckarde',
      'Mengede',
    ],
  },
};

export interface CityDistricts {
  city: string;
  districts: readonly string[];
}

/** The cities (with districts) a tenant offers: its own list, else the lists of its demo sets. */
export function citiesOf(tenant: { name: string; districts: readonly string[]; demoContent: readonly DemoSet[] }): CityDistricts[] {
  if (tenant.districts.length > 0) return [{ city: tenant.name, districts: tenant.districts }];
  const builtIn = tenant.demoContent.map((set) => BUILT_IN_DISTRICTS[set]);
  return builtIn.length > 0 ? builtIn : [{ city: tenant.name, districts: [] }];
}

/** Folds case, umlauts, ß and separators: "Langerfeld beyenburg", "LANGERFELD-BEYENBURG" are one. */
export function foldPlace(text: string): string {
  return text
    .toLocaleLowerCase('de')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

const PLACE = /^[\p{L}][\p{L}\s.'-]{0,59}$/u;

/** Longest free-text place name accepted (in words): "Ölberg", "Unterbarmen Mitte"; longer is a sentence. */
const MAX_PLACE_WORDS = 3;

/**
 * A typed district: the list's spelling when it names one ("elberfeld" → "Elberfeld", "Hoerde" →
 * "Hörde", "uellendahl" → "Uellendahl-Katernberg"); otherwise the text tidied up if it looks like a
 * short place name (a neighbourhood the list does not have, up to three words); null if it does not
 * (a sentence, digits, an emoji).
 */
export function normaliseDistrict(input: string, districts: readonly string[]): string | null {
  const text = input.trim().replace(/\s+/g, ' ');
  const folded = foldPlace(text);
  if (!folded) return null;
  const exact = districts.find((district) => foldPlace(district) === folded);
  if (exact) return exact;
  const byPart = districts.filter((district) => district.split(/[-\s]/).some((part) => foldPlace(part) === folded));
  if (byPart.length === 1) return byPart[0]!;
  if (!PLACE.test(text) || text.split(' ').length > MAX_PLACE_WORDS) return null;
  return text
    .split(/([\s-])/)
    .map((part) => (part.length > 0 ? part[0]!.toLocaleUpperCase('de') + part.slice(1) : part))
    .join('');
}

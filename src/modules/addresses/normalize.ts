/**
 * Russian addresses as residents type them and as registries (ГАР/ФИАС extracts, the city portal)
 * write them, reduced to one comparable shape: the street's own words (without its type: «улица»,
 * «пр.», …), the house number, and the building (корпус, строение, литера). Abbreviations such as
 * «пр.», «ул.», «д.», «к.» are understood. Pure functions, shared by the import and the search.
 */

/** Abbreviations and spellings of street types and house parts → their full word. */
const synonyms: Record<string, string> = {
  ул: 'улица',
  пр: 'проспект',
  'пр-т': 'проспект',
  'пр-кт': 'проспект',
  просп: 'проспект',
  пер: 'переулок',
  наб: 'набережная',
  'н/б': 'набережная',
  пл: 'площадь',
  ш: 'шоссе',
  'б-р': 'бульвар',
  бул: 'бульвар',
  бульв: 'бульвар',
  пр_д: 'проезд',
  'пр-д': 'проезд',
  туп: 'тупик',
  д: 'дом',
  'д.': 'дом',
  к: 'корпус',
  корп: 'корпус',
  лит: 'литера',
  литер: 'литера',
  стр: 'строение',
  г: 'город',
  гор: 'город',
  пос: 'поселок',
  п: 'поселок',
  тер: 'территория',
};

/** Words that name a street's type or a settlement: not part of the street's own name. */
const streetTypes = new Set([
  'улица',
  'проспект',
  'переулок',
  'набережная',
  'площадь',
  'шоссе',
  'бульвар',
  'проезд',
  'тупик',
  'линия',
  'аллея',
  'дорога',
  'территория',
]);
const settlements = new Set(['город', 'поселок', 'посёлок', 'деревня', 'санкт-петербург', 'спб']);
const houseParts: Record<string, 'house' | 'corpus' | 'litera' | 'building'> = {
  дом: 'house',
  корпус: 'corpus',
  литера: 'litera',
  строение: 'building',
};

/** An ordinal in a street name ("2-я Советская", "16-я линия"): part of the name, not a house. */
const ordinal = /^\d+-?(я|й|ая|ий|ой|го|е)$/;

export type AddressParts = {
  /** The street's own words, lower case, ё as е: "невский", "2-я советская". */
  street: string;
  /** The house number as written: "1", "11/2", "1-3", "12а"; null when not given. */
  house: string | null;
  /** Corpus, building and litera in a fixed order ("к1 с2 ла"); null when none. */
  building: string | null;
};

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[«»"()]/g, ' ')
    .split(/[\s,;]+|(?<=\.)(?=[^\s\d])/)
    .map((t) => t.replace(/\.+$/, ''))
    .filter((t) => t.length > 0);
}

/** Splits "12а" / "12 а" style tokens and expands abbreviations; house parts are recognised. */
export function parseAddress(text: string): AddressParts {
  const street: string[] = [];
  let house: string | null = null;
  const building: { corpus?: string; building?: string; litera?: string } = {};
  let expect: 'house' | 'corpus' | 'litera' | 'building' | null = null;
  for (const raw of tokens(text)) {
    // "д.1", "к.2": the abbreviation glued to its number.
    const glued = /^(д|к|корп|стр|лит)\.?(\d+[а-я]?)$/.exec(raw);
    if (glued) {
      const part = houseParts[synonyms[glued[1]!] ?? ''];
      if (part === 'house') house = glued[2]!;
      else if (part) building[part] = glued[2]!;
      continue;
    }
    const word = synonyms[raw] ?? raw;
    if (word in houseParts) {
      expect = houseParts[word]!;
      continue;
    }
    if (expect && expect !== 'house') {
      building[expect] = word;
      expect = null;
      continue;
    }
    const isNumber = /^\d/.test(word) && !ordinal.test(word);
    if (isNumber && house === null) {
      house = word;
      expect = null;
      continue;
    }
    if (isNumber) {
      // A second number without a marker: the corpus ("Невский 1 2" is rare; "1 к 2" is the norm).
      building.corpus ??= word;
      continue;
    }
    if (house !== null && /^[а-я]$/.test(word)) {
      // "12 а": a letter after the house number is its litera.
      building.litera = word;
      continue;
    }
    expect = null;
    if (streetTypes.has(word) || settlements.has(word)) continue;
    if (house === null) street.push(word);
  }
  const parts = [
    building.corpus ? `к${building.corpus}` : '',
    building.building ? `с${building.building}` : '',
    building.litera ? `л${building.litera}` : '',
  ].filter(Boolean);
  return { street: street.join(' '), house, building: parts.length > 0 ? parts.join(' ') : null };
}

/** The leading number of a house ("11/2" → 11), for sorting houses naturally. */
export function houseNumber(house: string | null): number | null {
  const m = house ? /^(\d+)/.exec(house) : null;
  return m ? Number(m[1]) : null;
}

/*
 * What a search query becomes before PostgreSQL sees it: words, and the words people use for the same
 * thing. Stemming alone does not join «крыша» and «кровля», «подъезд» and «парадная» (as Petersburg
 * says), «ГВС» and «горячая вода»: those pairs are listed here, by the beginnings of their word forms.
 */

export const MAX_QUERY_WORDS = 10;

/** Lower-case words of a query (ё as е), without repeats, at most MAX_QUERY_WORDS. */
export function queryWords(q: string): string[] {
  const words =
    q
      .toLowerCase()
      .replaceAll('ё', 'е')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 2))].slice(0, MAX_QUERY_WORDS);
}

export function isCyrillic(word: string): boolean {
  return /[а-я]/.test(word);
}

/** Groups of words that mean the same thing to a resident; each entry is a word's stem-like beginning. */
const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['крыш', 'кровл'],
  ['протечк', 'протека', 'протек', 'теч', 'залив', 'затоп'],
  ['подъезд', 'парадн'],
  ['гвс', 'горяч'],
  ['хвс', 'холодн'],
  ['отоплен', 'батаре', 'радиатор'],
  ['мусор', 'тко', 'отход'],
  ['двор', 'придомов'],
  ['ук', 'управляющ'],
  ['тсж', 'товариществ'],
  ['лифт', 'подъемник'],
  ['яма', 'выбоин', 'ямочн'],
  ['сосульк', 'наледь', 'налед'],
  ['свет', 'освещен', 'фонар'],
  ['квитанц', 'плат', 'начислен'],
];

/** The other beginnings of every group a word belongs to (a word opens a group by its own beginning). */
export function synonymsOf(word: string): string[] {
  const found = new Set<string>();
  for (const group of SYNONYM_GROUPS) {
    if (!group.some((stem) => (stem.length <= 3 ? word === stem : word.startsWith(stem)))) continue;
    for (const stem of group) if (!word.startsWith(stem)) found.add(stem);
  }
  return [...found];
}

const term = (l: string) => (l.length >= 4 ? `'${l}':*` : `'${l}'`);
const safeLexemes = (lexemes: readonly string[]) =>
  [...new Set(lexemes)].filter((l) => /^[\p{L}\p{N}]+$/u.test(l));

/** A tsquery text of lexemes joined by OR; long lexemes match as prefixes (a stem covers its forms). */
export function orQuery(lexemes: readonly string[]): string | null {
  const safe = safeLexemes(lexemes);
  if (safe.length === 0) return null;
  return safe.map(term).join(' | ');
}

/** Every group (one query word: its stems, its correction's, its synonyms) must match: AND of ORs. */
export function andQuery(groups: readonly (readonly string[])[]): string | null {
  const parts = groups.map(safeLexemes).filter((g) => g.length > 0);
  if (parts.length === 0) return null;
  return parts.map((g) => `(${g.map(term).join(' | ')})`).join(' & ');
}

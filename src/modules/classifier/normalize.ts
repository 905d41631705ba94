import { createRequire } from 'node:module';
import { newStemmer } from 'snowball-stemmers';

/**
 * Russian text normalisation for the report classifier: lower case, ё → е, URLs, e-mail addresses
 * and emoji removed, numbers replaced by placeholder tokens, Snowball stems, stop words.
 */

/** Texts longer than this are cut before feature extraction (the longest training report is 1,000 characters). */
export const MAX_TEXT_CHARS = 5_000;

/** Placeholder tokens start with '<', which no word token can contain. */
export const NUM = '<num>';
export const HOUSE = '<house>';
export const ORD = '<ord>';
export const YEAR = '<year>';
export const DATE = '<date>';
export const TIME = '<time>';
export const PHONE = '<phone>';

export function isPlaceholder(token: string): boolean {
  return token.startsWith('<');
}

const URL_RE = /(?:https?:\/\/|www\.)\S+/gu;
const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
// Pictographs plus the joiners, variation selectors and skin-tone modifiers that build emoji sequences.
const EMOJI_RE = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0e|\ufe0f|\u20e3/gu;
// "5-й" → "5й", "д.5" stays two tokens; phone numbers are caught before digits are split.
const PHONE_RE = /(?:\+7|\b8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b/gu;
const TOKEN_RE = /\d+(?:[/.,:]\d+)*(?:-?[\p{L}]+)?|[\p{L}]+/gu;

const ORDINAL_SUFFIX = /^(?:й|я|ю|е|х|м|го|му|ми|ой|ый|ий|ая|ое|ые|ого|ому|ым|ом|ых)$/u;
const HOUSE_SUFFIX = /^(?:[а-дж-и]|к\d+|лит[а-я]*)$/u;
/** A number right after one of these words is a house (building) number. */
const HOUSE_WORDS = new Set([
  'д',
  'дом',
  'дома',
  'доме',
  'корп',
  'корпус',
  'корпуса',
  'к',
  'лит',
  'литера',
  'стр',
  'строение',
]);

/** Lower case, ё → е, URLs / e-mail addresses / emoji removed, whitespace collapsed; cut at MAX_TEXT_CHARS. */
export function normalizeText(text: string): string {
  const cut = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
  return cut
    .toLowerCase()
    .replace(/ё/gu, 'е')
    .replace(URL_RE, ' ')
    .replace(EMAIL_RE, ' ')
    .replace(PHONE_RE, ` ${PHONE} `)
    .replace(EMOJI_RE, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

function numberToken(raw: string, previous: string | undefined): string[] {
  if (/^\d{1,2}[.]\d{1,2}[.]\d{2,4}$/u.test(raw)) return [DATE];
  if (/^\d{1,2}:\d{2}$/u.test(raw)) return [TIME];
  if (/^\d+\/\d+$/u.test(raw)) return [HOUSE];
  const match = /^(\d+(?:[.,:]\d+)*)-?(\p{L}*)$/u.exec(raw);
  if (!match) return [NUM];
  const digits = match[1]!;
  const suffix = match[2]!;
  if (suffix === '') {
    if (previous !== undefined && HOUSE_WORDS.has(previous)) return [HOUSE];
    if (/^(?:19|20)\d\d$/u.test(digits)) return [YEAR];
    return [NUM];
  }
  if (ORDINAL_SUFFIX.test(suffix)) return [ORD];
  if (HOUSE_SUFFIX.test(suffix)) return [HOUSE];
  // "10см", "3шт": a quantity and its unit.
  return [NUM, suffix];
}

/** Word tokens of a normalised text; numbers become placeholders (<num>, <house>, <ord>, <year>, <date>, <time>). */
export function tokenize(normalized: string): string[] {
  const tokens: string[] = [];
  // The phone placeholder was put in by normalizeText; split on it so TOKEN_RE does not read "phone".
  const parts = normalized.split(PHONE);
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) tokens.push(PHONE);
    for (const m of parts[i]!.matchAll(TOKEN_RE)) {
      const raw = m[0];
      const first = raw.charCodeAt(0);
      if (first >= 48 && first <= 57) tokens.push(...numberToken(raw, tokens[tokens.length - 1]));
      else tokens.push(raw);
    }
  }
  return tokens;
}

const require = createRequire(import.meta.url);
const stopwordsIso = require('stopwords-iso') as Record<string, string[]>;

/**
 * Words of the stopwords-iso Russian list that carry meaning in city reports ("не горит",
 * "вода", "дверь", "окно", "свет") and are therefore kept.
 */
export const KEPT_STOPWORDS: ReadonlySet<string> = new Set([
  'не',
  'нет',
  'без',
  'вода',
  'дверь',
  'дом',
  'дорога',
  'земля',
  'машина',
  'окно',
  'пол',
  'свет',
  'улица',
  'город',
  'стол',
  'работа',
  'работать',
  'вниз',
  'вверх',
  'над',
  'под',
  'ночь',
  'утро',
  'вечер',
  'день',
  'сторона',
  'место',
  'дело',
  'ребенок',
  'люди',
  'человек',
  'год',
  'неделю',
]);

export const STOPWORDS: ReadonlySet<string> = new Set(
  (stopwordsIso.ru ?? []).map((w) => w.replace(/ё/gu, 'е')).filter((w) => !KEPT_STOPWORDS.has(w)),
);

const stemmer = newStemmer('russian');
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

/** Snowball Russian stem of one lower-case token (placeholders and Latin words pass through). */
export function stem(token: string): string {
  if (isPlaceholder(token)) return token;
  const cached = stemCache.get(token);
  if (cached !== undefined) return cached;
  const result = /[а-я]/u.test(token) ? stemmer.stem(token) : token;
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(token, result);
  return result;
}

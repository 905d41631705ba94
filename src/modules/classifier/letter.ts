/**
 * Reading texts forwarded by other systems (document-management systems, regional portals, Open311
 * clients): HTML markup and entities, e-mail headers, greetings, signatures, quoted earlier
 * correspondence and legal boilerplate say nothing about the problem, so they are dropped before the
 * text becomes features; street names are taken out of the words and kept as their own feature.
 *
 * Every pattern here is linear: no nested quantifiers, and each variable-length part is either bounded
 * ({0,80}) or a character class that cannot overlap what follows it. Blocks with an end marker
 * (<style>…</style>, <blockquote>…</blockquote>) are cut with indexOf, not with lazy regexes, which
 * would rescan the rest of the text from every unmatched start.
 */

/** Letters are read up to this many characters (the features then read the first 5,000 of the body). */
export const MAX_LETTER_CHARS = 20_000;

export interface Letter {
  /** The resident's own words: no markup, headers, greetings, signature, quotes, boilerplate or street names. */
  body: string;
  /** Street names found in the text, lower case, ё → е ("невский", "1-я красноармейская"). */
  streets: string[];
}

/** Texts without any of these characters or words cannot hold anything this module removes. */
const QUICK_CHECK =
  /[<>&\n]|здравств|добр|уважаем|привет|ул\.|пр\.|пр-т|пер\.|наб\.|ш\.|б-р|пл\.|улиц|проспект|переул|набережн|шоссе|бульвар|площад|59|закон|прошу|срок|регистр|wrote|original|сообщени/iu;

const HTML_TAG_HINT = /<\/?[a-z!][^<>]{0,2000}>/iu;
/** Tags that end a line of text. */
const BLOCK_TAG =
  /<\/?(?:br|p|div|li|ul|ol|tr|td|th|table|h[1-6]|hr|blockquote|pre|section|article)\b[^<>]{0,2000}>/giu;
const ANY_TAG = /<[^<>]{0,2000}>/gu;
const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  laquo: '«',
  raquo: '»',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  bdquo: '„',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  shy: '',
  numero: '№',
  copy: '©',
};
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));/giu;

/** Removes every block from an opening tag to its closing tag (case-insensitive), in one pass. */
function cutBlocks(html: string, tag: string): string {
  const lower = html.toLowerCase();
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let out = '';
  let at = 0;
  for (;;) {
    const start = lower.indexOf(open, at);
    if (start < 0) break;
    const end = lower.indexOf(close, start);
    out += `${html.slice(at, start)}\n`;
    // An unclosed block (a truncated letter) runs to the end.
    at = end < 0 ? html.length : end + close.length;
  }
  return out + html.slice(at);
}

function decodeEntities(text: string): string {
  return text.replace(
    ENTITY,
    (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (dec !== undefined || hex !== undefined) {
        const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
        return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
          ? String.fromCodePoint(code)
          : ' ';
      }
      return NAMED_ENTITIES[name!.toLowerCase()] ?? whole;
    },
  );
}

/** HTML → text with line breaks where blocks ended; quoted replies (<blockquote>) and scripts dropped. */
export function htmlToText(html: string): string {
  let text = html;
  for (const tag of ['script', 'style', 'head', 'blockquote']) text = cutBlocks(text, tag);
  text = text.replace(/<!--/gu, '\n<').replace(/-->/gu, '>\n');
  return decodeEntities(text.replace(BLOCK_TAG, '\n').replace(ANY_TAG, ' '));
}

/** A line from which everything below is earlier correspondence. */
const QUOTE_START =
  /^(?:-{2,}\s*(?:original message|исходное сообщение|пересылаемое сообщение|forwarded message|переадресованное сообщение)|(?:on|в|вт|пн|ср|чт|пт|сб|вс)(?![\p{L}])[^\n]{0,200}(?:wrote|написал|написала|пишет)\s*:?\s*$|[^\n]{0,120}(?:wrote|написал\(а\)|написал|написала)\s*:\s*$)/iu;
/** Header lines of a forwarded or quoted e-mail; "От:" followed by "Отправлено:" starts a quote. */
const HEADER_LINE =
  /^(?:от|кому|копия|тема|дата|отправлено|отправитель|получатель|from|to|cc|bcc|subject|date|sent|reply-to)\s*:/iu;
const SUBJECT_LINE = /^(?:тема|subject)\s*:\s*/iu;
const QUOTE_HEADER_FOLLOW = /^(?:отправлено|дата|sent|date|кому|to)\s*:/iu;
/** A line from which everything below is the sender's signature. */
const SIGNATURE_START =
  /^(?:--\s*$|с уважением|с наилучшими пожеланиями|всего доброго|best regards|kind regards|regards|sincerely|отправлено с (?:iphone|моего|android))/iu;
const GREETING =
  /^\s*(?:здравствуйте|здравствуй|добрый (?:день|вечер)|доброе утро|доброго (?:времени суток|дня)|приветствую|привет|hello|dear(?![\p{L}])[^,!\n]{0,80}|уважаем(?:ый|ая|ые)(?![\p{L}])[^,!.\n]{0,80})\s*[,!.]?\s*/iu;
/** Sentences that are the same in every letter: the law it is filed under, the demand for an answer in time. */
const BOILERPLATE =
  /(?:федеральн\S{0,6} закон|59-фз|№\s?59|порядке рассмотрения обращений|установленн\S{0,4} (?:законом )?срок|прошу (?:дать|направить|предоставить|прислать) (?:мне )?(?:\S{1,12} )?ответ|ответ прошу (?:дать|направить|предоставить)|обращение зарегистрирован|обращение направлен|данное обращение|настоящее обращение|персональн\S{0,4} данн|электронн\S{0,4} (?:почт|адрес)|не является публичной офертой|this e-?mail|конфиденциальн)/iu;

/**
 * Street types before (ул. Садовая) or after (Невский пр.) a capitalised name, and the house, building
 * and flat that follow: "ул. Садовая, д. 5, корп. 2, кв. 17".
 */
const STREET_TYPE =
  '(?:ул\\.|улица|пр\\.|пр-т|просп\\.|проспект|пер\\.|переулок|наб\\.|набережная|ш\\.|шоссе|б-р|бульвар|пл\\.|площадь|пр-д|проезд|линия)';
const NAME = '((?:\\d{1,2}-?[а-яё]{0,2}\\s)?[А-ЯЁ][а-яё-]{1,30}(?:\\s[А-ЯЁ][а-яё-]{1,30})?)';
const HOUSE_TAIL =
  '(?:[,\\s]{1,3}(?:д\\.|дом|корп\\.|корпус|к\\.|лит\\.|литера|стр\\.|кв\\.|квартира|пом\\.)\\s?\\d{0,5}[а-яА-Я]?(?:\\/\\d{1,4})?)*';
const STREET_BEFORE = new RegExp(`(?<![\\p{L}])${STREET_TYPE}\\s?${NAME}${HOUSE_TAIL}`, 'gu');
const STREET_AFTER = new RegExp(
  `(?<![\\p{L}])${NAME}\\s(?:ул\\.|улица|пр\\.|пр-т|проспект|пер\\.|переулок|наб\\.|ш\\.|шоссе|б-р|бульвар|пл\\.)(?![\\p{L}])${HOUSE_TAIL}`,
  'gu',
);
/** House and flat numbers left without a street ("д. 5, кв. 12"): part of the address, not of the complaint. */
const LOOSE_FLAT = /(?<![\p{L}])(?:кв\.|квартира|пом\.)\s?\d{1,5}/gu;

const canonicalStreet = (name: string) => name.toLowerCase().replace(/ё/gu, 'е').replace(/\s+/gu, ' ').trim();

function extractStreets(text: string): { text: string; streets: string[] } {
  const streets: string[] = [];
  const take = (_whole: string, name: string) => {
    streets.push(canonicalStreet(name));
    return ' ';
  };
  const rest = text.replace(STREET_BEFORE, take).replace(STREET_AFTER, take).replace(LOOSE_FLAT, ' ');
  return { text: rest, streets: [...new Set(streets)] };
}

/** Splits a line into sentences and drops the boilerplate ones. */
function withoutBoilerplate(line: string): string {
  if (!BOILERPLATE.test(line)) return line;
  return line
    .split(/(?<=[.!?;])\s+/u)
    .filter((sentence) => !BOILERPLATE.test(sentence))
    .join(' ');
}

/** The resident's own words and the streets named in a text that may have come from another system. */
export function readLetter(text: string): Letter {
  const cut = text.length > MAX_LETTER_CHARS ? text.slice(0, MAX_LETTER_CHARS) : text;
  if (!QUICK_CHECK.test(cut)) return { body: cut, streets: [] };
  const plain = HTML_TAG_HINT.test(cut) || cut.includes('&') ? htmlToText(cut) : cut;
  const lines = plain.split(/\r\n|\r|\n/u);
  const kept: string[] = [];
  let started = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\s+/gu, ' ').trim();
    if (line === '') continue;
    if (line.startsWith('>') || line.startsWith('|')) continue;
    if (QUOTE_START.test(line)) break;
    if (SIGNATURE_START.test(line)) break;
    if (HEADER_LINE.test(line)) {
      // "От: … / Отправлено: …" after the resident's words is a quoted earlier letter.
      const next = lines[i + 1]?.trim() ?? '';
      if (started && /^(?:от|from)\s*:/iu.test(line) && QUOTE_HEADER_FOLLOW.test(next)) break;
      // The subject line says what the letter is about; its label does not.
      if (SUBJECT_LINE.test(line)) kept.push(line.replace(SUBJECT_LINE, ''));
      continue;
    }
    const content = withoutBoilerplate(line.replace(GREETING, '')).trim();
    if (content === '') continue;
    kept.push(content);
    started = true;
  }
  const { text: body, streets } = extractStreets(kept.join('\n'));
  return { body: body.replace(/[ \t]+/gu, ' ').trim(), streets };
}

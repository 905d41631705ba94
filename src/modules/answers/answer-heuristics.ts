import { normaliseForComparison, similarity, trigrams } from './text-similarity.ts';

/**
 * Likely formal non-answers ("отписки"), found by plain rules a reviewer can check by eye. Pure:
 * the caller loads the answer, earlier answers and the disputed answer; nothing here touches the
 * database or the clock.
 */
export const answerFlagCodes = [
  'near_duplicate',
  'no_substance',
  'solved_without_photo',
  'repeats_disputed',
] as const;
export type AnswerFlagCode = (typeof answerFlagCodes)[number];

export type AnswerFlag = {
  code: AnswerFlagCode;
  /** near_duplicate: the numbers of the reports whose answers match; repeats_disputed: the report itself. */
  reportNumbers?: number[];
  /** The highest similarity found (0…1), rounded to two places. */
  similarity?: number;
};

export type AnswerUnderReview = {
  text: string;
  result: 'solved' | 'explained' | 'planned' | 'rejected';
  plannedDate: string | null;
  legalReason: string | null;
  /** "After" photos: media attached to this answer with purpose 'answer'. */
  answerPhotoCount: number;
};

/** An earlier answer by its text, or by the text's trigrams where the caller keeps them computed. */
export type EarlierAnswer = { reportNumber: number } & ({ text: string } | { grams: Float64Array });

export type QualityContext = {
  /** Published answers to OTHER reports to compare with (the caller bounds how many). */
  earlier: EarlierAnswer[];
  /** The published answer the resident disputed, when this answer replies to a dispute. */
  disputed: { reportNumber: number; text: string } | null;
};

export const qualityThresholds = {
  /** Similarity from which two answers count as nearly identical. */
  nearDuplicateSimilarity: 0.9,
  /** How many other reports must have received a nearly identical answer. */
  nearDuplicateMinReports: 3,
  /** Similarity from which a new answer merely repeats the disputed one. */
  repeatsDisputedSimilarity: 0.9,
};

// Stems of completed actions (past participles and past tense): "заменён", "вывезли", "устранена".
// Promises ("будет рассмотрено") and forwarding ("направлено в …") are deliberately absent: they are
// what a formal answer consists of.
const actionStems = [
  'выполнен',
  'выполнил',
  'заменен',
  'заменил',
  'отремонтирован',
  'отремонтировал',
  'устранен',
  'устранил',
  'вывезен',
  'вывезл',
  'вывез',
  'убран',
  'убрал',
  'очищен',
  'очистил',
  'расчищен',
  'расчистил',
  'восстановлен',
  'восстановил',
  'установлен',
  'установил',
  'починен',
  'починил',
  'демонтирован',
  'демонтировал',
  'покрашен',
  'окрашен',
  'засыпан',
  'заделан',
  'залатан',
  'ликвидирован',
  'подключен',
  'спилен',
  'обрезан',
  'скошен',
  'вычищен',
  'проведен',
  'провели',
  'произведен',
  'произвели',
  'привлечен',
  'составлен',
  'выдано',
  'выдан',
  'эвакуирован',
  'закрашен',
  'нанесен',
  'уложен',
  'асфальтирован',
];

const months = 'январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр';
const datePatterns = [
  /\b\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})\b/, // 15.03.2026
  /\b\d{4}-\d{2}-\d{2}\b/, // 2026-03-15
  new RegExp(`(?:^|[^\\p{L}])\\d{1,2}\\s+(?:${months})\\p{L}*`, 'iu'), // 15 марта
  new RegExp(`(?:^|[^\\p{L}])(?:${months})\\p{L}*\\s+\\d{4}`, 'iu'), // в марте 2026
  /(?:^|[^\p{L}])(?:[1-4]\s*(?:-?[йм]|ом)?\s+)?квартал\p{L}*\s+\d{4}/iu, // II квартал 2026
  /\b\d+\s+(?:рабоч\p{L}*\s+|календарн\p{L}*\s+)?(?:дн|недел|месяц)/iu, // в течение 10 дней
];

// Legal bases as Russian official answers cite them.
const legalPatterns = [
  /(?:^|[^\p{L}])ст\.\s*\d/iu,
  /(?:^|[^\p{L}])стать[яиеюй]\p{L}*\s+\d/iu,
  /(?:^|[^\p{L}])п\.\s*\d/iu,
  /\d\s*-\s*ФЗ/u,
  /(?:^|[^\p{L}])ФЗ(?:[^\p{L}]|$)/u,
  /федеральн\p{L}*\s+закон/iu,
  // A named law, not "действующее законодательство" (the formula of a formal answer).
  /(?:^|[^\p{L}])закон\p{L}*\s+(?:санкт|ленинградск|москв|города|субъекта|от\s|№)/iu,
  /постановлени/iu,
  /распоряжени/iu,
  /(?:^|[^\p{L}])приказ/iu,
  /санпин/iu,
  /(?:^|[^\p{L}])ГОСТ/iu,
  /(?:^|[^\p{L}])СП\s+\d/u,
  /(?:^|[^\p{L}])СНиП/iu,
  /кодекс/iu,
  /КоАП/u,
  /правил\p{L}*\s+(?:благоустройства|содержания|технической\s+эксплуатации|предоставления)/iu,
];

export function hasConcreteAction(text: string): boolean {
  return normaliseForComparison(text).some((w) => actionStems.some((s) => w.startsWith(s)));
}

export function hasDate(text: string, plannedDate: string | null): boolean {
  return plannedDate !== null || datePatterns.some((p) => p.test(text));
}

export function hasLegalBasis(text: string, legalReason: string | null): boolean {
  return (legalReason !== null && legalReason.trim() !== '') || legalPatterns.some((p) => p.test(text));
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Every flag that applies, in a stable order; an empty list means nothing looked formal. */
export function assessAnswer(
  answer: AnswerUnderReview,
  context: QualityContext,
  thresholds = qualityThresholds,
): AnswerFlag[] {
  const flags: AnswerFlag[] = [];
  const mine = trigrams(answer.text);

  const similarReports = new Map<number, number>();
  for (const e of context.earlier) {
    const s = similarity(mine, 'grams' in e ? e.grams : trigrams(e.text));
    if (s >= thresholds.nearDuplicateSimilarity)
      similarReports.set(e.reportNumber, Math.max(s, similarReports.get(e.reportNumber) ?? 0));
  }
  if (similarReports.size >= thresholds.nearDuplicateMinReports)
    flags.push({
      code: 'near_duplicate',
      reportNumbers: [...similarReports.keys()].sort((a, b) => a - b).slice(0, 10),
      similarity: round2(Math.max(...similarReports.values())),
    });

  const substance =
    hasConcreteAction(answer.text) ||
    hasDate(answer.text, answer.plannedDate) ||
    hasLegalBasis(answer.text, answer.legalReason);
  if (!substance) flags.push({ code: 'no_substance' });

  if (answer.result === 'solved' && answer.answerPhotoCount === 0)
    flags.push({ code: 'solved_without_photo' });

  if (context.disputed) {
    const s = similarity(mine, trigrams(context.disputed.text));
    if (s >= thresholds.repeatsDisputedSimilarity)
      flags.push({
        code: 'repeats_disputed',
        reportNumbers: [context.disputed.reportNumber],
        similarity: round2(s),
      });
  }
  return flags;
}

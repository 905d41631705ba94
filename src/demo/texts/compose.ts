/**
 * Composes demo report texts and official answers from the templates. Report texts range from a
 * terse "не горит фонарь у дома 5" to a few polite paragraphs-worth of sentences, as real ones do.
 */
import { subjectsOfTopics } from '../categories.ts';
import type { Rng } from '../prng.ts';
import {
  ANSWER_INTROS,
  ANSWER_OPENINGS,
  EXPLAINED_CLOSINGS,
  GENERIC_EXPLAINED,
  GENERIC_PLANNED,
  LEGAL_REASONS,
  PLANNED_LEADS,
  REJECTED_LEADS,
  SOLVED_CLOSINGS,
  type SubjectAnswerTexts,
} from './answers-common.ts';
import { SUBJECT_ANSWER_TEXTS } from './answers-subjects.ts';
import { CLOSINGS, type FillContext, fill, GREETINGS, HISTORY, type SubjectReportTexts } from './common.ts';
import { BUILDING_REPORT_TEXTS } from './reports-building.ts';
import { CITY_REPORT_TEXTS } from './reports-city.ts';
import { OUTDOOR_REPORT_TEXTS } from './reports-outdoor.ts';

export const REPORT_TEXTS: Readonly<Record<string, SubjectReportTexts>> = {
  ...OUTDOOR_REPORT_TEXTS,
  ...BUILDING_REPORT_TEXTS,
  ...CITY_REPORT_TEXTS,
};

export const MIN_REPORT_TEXT = 20;
export const MAX_REPORT_TEXT = 600;

export function reportTextsFor(subjectCode: string): SubjectReportTexts {
  const texts = REPORT_TEXTS[subjectCode];
  if (!texts) throw new Error(`no demo report texts for subject ${subjectCode}`);
  return texts;
}

/** Up to `count` distinct items, in random order (without copying the list). */
function pickSome(rng: Rng, items: readonly string[], count: number): string[] {
  const n = Math.min(count, items.length);
  const chosen: string[] = [];
  while (chosen.length < n) {
    const item = rng.pick(items);
    if (!chosen.includes(item)) chosen.push(item);
  }
  return chosen;
}

/** Subjects about the inside of a building: a short text names the stairwell, not the street. */
const INDOOR_SUBJECTS: ReadonlySet<string> = new Set([
  ...subjectsOfTopics('housing', 'heating'),
  'no-cold-water',
  'no-hot-water',
  'water-quality',
  'water-pressure',
  'sewer-blockage',
  'roof-leak',
  'garbage-chute',
]);
const INDOOR_SUFFIXES: readonly string[] = [
  ', парадная {entrance}',
  ' в доме {house}',
  ', {floor} этаж',
  ', парадная {entrance}, {floor} этаж',
];

/**
 * A resident's report text about the subject, 20–600 characters. `shortShare` is the share of
 * terse one-line texts (default 0.3; real portals see about half, with a median near 50 characters).
 */
export function composeReportText(subjectCode: string, rng: Rng, ctx: FillContext, shortShare = 0.3): string {
  const t = reportTextsFor(subjectCode);
  const r = rng.next();
  // The remaining modes share what is left in the proportions 0.42 : 0.21 : 0.07.
  const mode = r < shortShare ? 0 : 0.3 + ((r - shortShare) / (1 - shortShare)) * 0.7;
  let sentences: string[];
  if (mode < 0.3) {
    let text = fill(rng.pick(t.short), rng, ctx);
    if (text.length < 25 || rng.chance(0.4)) {
      const suffix = INDOOR_SUBJECTS.has(subjectCode) ? rng.pick(INDOOR_SUFFIXES) : ' {place}';
      text += fill(suffix, rng, ctx);
    }
    // Many residents type in lower case and without a full stop.
    if (rng.chance(0.35)) return padShort(text.charAt(0).toLowerCase() + text.slice(1), rng);
    return padShort(`${text}.`, rng);
  }
  if (mode < 0.72) {
    sentences = [rng.pick(t.core)];
    if (rng.chance(0.4)) sentences.unshift(rng.pick(GREETINGS));
    if (rng.chance(0.6)) sentences.push(rng.pick(t.details));
    sentences.push(rng.pick(t.asks));
  } else if (mode < 0.93) {
    sentences = [rng.pick(GREETINGS), rng.pick(t.core), ...pickSome(rng, t.details, rng.int(2, 3))];
    if (rng.chance(0.6)) sentences.push(rng.pick(HISTORY));
    sentences.push(...pickSome(rng, t.asks, rng.int(1, 2)));
    if (rng.chance(0.6)) sentences.push(rng.pick(CLOSINGS));
  } else {
    // The long letter: two observations, every detail, the history, all the requests.
    sentences = [
      rng.pick(GREETINGS),
      ...pickSome(rng, t.core, 2),
      ...pickSome(rng, t.details, t.details.length),
      ...pickSome(rng, HISTORY, 2),
      ...pickSome(rng, t.asks, t.asks.length),
      rng.pick(CLOSINGS),
    ];
  }
  let text = sentences.map((x) => fill(x, rng, ctx)).join(' ');
  // Drop sentences before the final one until it fits.
  while (text.length > MAX_REPORT_TEXT && sentences.length > 2) {
    sentences.splice(sentences.length - 2, 1);
    text = sentences.map((x) => fill(x, rng, ctx)).join(' ');
  }
  return text.slice(0, MAX_REPORT_TEXT);
}

function padShort(text: string, rng: Rng): string {
  return text.length >= MIN_REPORT_TEXT ? text : `${text} ${rng.pick(CLOSINGS)}`;
}

export type AnswerResult = 'solved' | 'explained' | 'planned' | 'rejected';

export interface AnswerContext extends FillContext {
  topicCode: string;
  /** When the organisation went out or did the work, as dd.mm.yyyy. */
  workDate: string;
  /** For 'planned': the promised date, as dd.mm.yyyy. */
  plannedDate?: string;
}

export interface ComposedAnswer {
  text: string;
  /** For 'rejected': the legal ground quoted in the text. */
  legalReason?: string;
}

function subjectAnswers(subjectCode: string): SubjectAnswerTexts {
  const texts = SUBJECT_ANSWER_TEXTS[subjectCode];
  if (!texts) throw new Error(`no demo answer texts for subject ${subjectCode}`);
  return texts;
}

/** An organisation's official answer to a report, with the given result. */
export function composeAnswer(
  subjectCode: string,
  result: AnswerResult,
  rng: Rng,
  ctx: AnswerContext,
): ComposedAnswer {
  const t = subjectAnswers(subjectCode);
  const dated = (s: string) =>
    fill(s, rng, ctx)
      .replaceAll('{date}', ctx.workDate)
      .replaceAll('{planned}', ctx.plannedDate ?? '');
  const parts = [rng.pick(ANSWER_OPENINGS), rng.pick(ANSWER_INTROS)];
  let legalReason: string | undefined;
  switch (result) {
    case 'solved':
      parts.push(rng.pick(t.solved), rng.pick(SOLVED_CLOSINGS));
      break;
    case 'planned':
      parts.push(rng.pick(t.planned?.length ? t.planned : GENERIC_PLANNED), rng.pick(PLANNED_LEADS));
      break;
    case 'explained':
      parts.push(
        rng.pick(t.explained?.length ? t.explained : GENERIC_EXPLAINED),
        rng.pick(EXPLAINED_CLOSINGS),
      );
      break;
    case 'rejected':
      legalReason = rng.pick(LEGAL_REASONS[ctx.topicCode] ?? LEGAL_REASONS.other ?? ['']);
      parts.push(rng.pick(REJECTED_LEADS), legalReason);
      break;
  }
  const text = parts.map(dated).join(' ');
  return legalReason === undefined ? { text } : { text, legalReason };
}

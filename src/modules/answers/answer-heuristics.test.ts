import { describe, expect, it } from 'vitest';
import { flagReason } from './answer-flags.ts';
import {
  type AnswerUnderReview,
  assessAnswer,
  hasConcreteAction,
  hasDate,
  hasLegalBasis,
  type QualityContext,
} from './answer-heuristics.ts';
import { similarity, trigrams } from './text-similarity.ts';

const FORM_LETTER =
  'Ваше обращение № 101 рассмотрено. Информация принята к сведению и направлена в профильное подразделение для рассмотрения в рамках компетенции.';
const formLetterFor = (n: number) => FORM_LETTER.replace('101', String(n));

const answer = (over: Partial<AnswerUnderReview> = {}): AnswerUnderReview => ({
  text: 'Светильник заменён, освещение восстановлено 2 марта.',
  result: 'solved',
  plannedDate: null,
  legalReason: null,
  answerPhotoCount: 1,
  ...over,
});
const none: QualityContext = { earlier: [], disputed: null };
const codes = (a: AnswerUnderReview, c: QualityContext = none) => assessAnswer(a, c).map((f) => f.code);

describe('text similarity', () => {
  it('ignores case, ё, punctuation and numbers; different wording scores low', () => {
    const a = trigrams('Яма заделана 15.03.2026, ЁЛКА убрана!');
    expect(similarity(a, trigrams('яма заделана 01.04.2027 елка убрана'))).toBe(1);
    expect(similarity(a, trigrams('Светильник заменён бригадой подрядчика'))).toBeLessThan(0.2);
    expect(similarity(trigrams(''), trigrams(''))).toBe(0);
  });
});

describe('answer heuristics', () => {
  it('flags nothing in a concrete answer with a photo', () => {
    expect(assessAnswer(answer(), none)).toEqual([]);
  });

  it('flags a text nearly identical to answers of at least three other reports, with their numbers', () => {
    const earlier = [201, 202, 203].map((n) => ({ reportNumber: n, text: formLetterFor(n) }));
    const flags = assessAnswer(answer({ text: formLetterFor(300), result: 'explained' }), {
      earlier,
      disputed: null,
    });
    expect(flags[0]).toEqual({ code: 'near_duplicate', reportNumbers: [201, 202, 203], similarity: 1 });
    // Two matching reports are not "many"; several answers to one report count once.
    const two = [...earlier.slice(0, 2), { reportNumber: 202, text: formLetterFor(9) }];
    expect(
      codes(answer({ text: formLetterFor(300), result: 'explained' }), { earlier: two, disputed: null }),
    ).not.toContain('near_duplicate');
  });

  it('does not call different concrete answers duplicates', () => {
    const earlier = [
      'Яма на проезжей части заделана литым асфальтом 3 марта.',
      'Мусор вывезен с контейнерной площадки 4 марта, график вывоза восстановлен.',
      'Упавшее дерево распилено и вывезено, проезд открыт.',
    ].map((text, i) => ({ reportNumber: i + 1, text }));
    expect(codes(answer(), { earlier, disputed: null })).toEqual([]);
  });

  it('flags no substance only when action, date and legal basis are all missing', () => {
    expect(codes(answer({ text: FORM_LETTER, result: 'explained' }))).toEqual(['no_substance']);
    expect(
      codes(
        answer({ text: 'Обращение рассмотрено, работы будут выполнены до 15 мая.', result: 'explained' }),
      ),
    ).toEqual([]);
    expect(
      codes(
        answer({
          text: 'Работы запланированы, сообщим дополнительно.',
          result: 'planned',
          plannedDate: '2026-05-15',
        }),
      ),
    ).toEqual([]);
    expect(
      codes(
        answer({
          text: 'Участок не относится к нашей зоне ответственности.',
          result: 'rejected',
          legalReason: 'Правила благоустройства, п. 4.2',
        }),
      ),
    ).toEqual([]);
  });

  it('recognises Russian actions, dates and legal bases in the text', () => {
    expect(hasConcreteAction('Мусор вывезли, площадка очищена')).toBe(true);
    expect(hasConcreteAction('Яма залатана')).toBe(true);
    expect(hasConcreteAction('Вопрос будет рассмотрен, обращение направлено подрядчику')).toBe(false);
    expect(hasDate('Срок — 15.03.2026', null)).toBe(true);
    expect(hasDate('выполним в течение 10 рабочих дней', null)).toBe(true);
    expect(hasDate('ремонт запланирован в мае 2026 года', null)).toBe(true);
    expect(hasDate('ремонт будет выполнен в ближайшее время', null)).toBe(false);
    expect(hasLegalBasis('согласно ст. 12 Федерального закона № 59-ФЗ', null)).toBe(true);
    expect(hasLegalBasis('в соответствии с СанПиН 2.1.3684-21', null)).toBe(true);
    expect(hasLegalBasis('по постановлению Правительства Санкт-Петербурга', null)).toBe(true);
    expect(hasLegalBasis('в соответствии с действующим законодательством', null)).toBe(false);
  });

  it('flags "solved" without an "after" photo, and only "solved"', () => {
    expect(codes(answer({ answerPhotoCount: 0 }))).toEqual(['solved_without_photo']);
    expect(codes(answer({ answerPhotoCount: 0, result: 'explained' }))).toEqual([]);
  });

  it('flags a new answer to a dispute that repeats the disputed one', () => {
    const disputed = { reportNumber: 77, text: 'Светильник заменён, освещение восстановлено 2 марта.' };
    const flags = assessAnswer(answer({ text: 'Светильник заменен, освещение восстановлено 12 марта!' }), {
      earlier: [],
      disputed,
    });
    expect(flags).toEqual([{ code: 'repeats_disputed', reportNumbers: [77], similarity: 1 }]);
    expect(
      codes(
        answer({ text: 'Повторно проверили: заменён блок питания опоры, фонарь горит, фото приложено.' }),
        {
          earlier: [],
          disputed,
        },
      ),
    ).toEqual([]);
  });

  it('gives every flag a reason in Russian and English', () => {
    const reason = flagReason({ code: 'near_duplicate', reportNumbers: [1, 2, 3], similarity: 0.95 });
    expect(reason.ru).toContain('№ 1, № 2, № 3');
    expect(reason.en).toContain('№ 1, № 2, № 3');
    for (const code of ['no_substance', 'solved_without_photo', 'repeats_disputed'] as const)
      expect(flagReason({ code }).ru).toMatch(/[а-я]/);
  });
});

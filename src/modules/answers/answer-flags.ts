import type { Locale } from '../../lib/errors.ts';
import type { AnswerFlag, AnswerFlagCode } from './answer-heuristics.ts';

/** Why each flag was raised, in the reviewer's words (Russian first). */
const reasons: Record<AnswerFlagCode, (f: AnswerFlag) => Record<Locale, string>> = {
  near_duplicate: (f) => {
    const list = (f.reportNumbers ?? []).map((n) => `№ ${n}`).join(', ');
    return {
      ru: `Текст почти совпадает с ответами на другие сообщения (${list}): возможно, это шаблонная отписка`,
      en: `The text is nearly identical to answers to other reports (${list}): possibly a form letter`,
    };
  },
  no_substance: () => ({
    ru: 'В ответе нет ни выполненного действия, ни срока, ни правового основания',
    en: 'The answer names no completed action, no date and no legal basis',
  }),
  solved_without_photo: () => ({
    ru: 'Результат «решено», но к ответу не приложено фото «после»',
    en: 'The result is “solved” but no “after” photo is attached',
  }),
  repeats_disputed: () => ({
    ru: 'Житель оспорил прежний ответ, а новый почти дословно его повторяет',
    en: 'The resident disputed the previous answer and the new one nearly repeats it',
  }),
};

export function flagReason(flag: AnswerFlag): Record<Locale, string> {
  return reasons[flag.code](flag);
}

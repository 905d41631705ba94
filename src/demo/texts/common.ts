/**
 * Shared pieces of demo report texts, and the placeholder filler. All texts in src/demo/texts are
 * written for this project (they imitate the style of real residents, but copy none).
 *
 * Placeholders: {place} a spot near the house, {house} its number, {entrance} a stairwell number,
 * {floor} a floor, {n} a small number, {since} how long it has lasted.
 */
import type { Rng } from '../prng.ts';

/** What a resident may write about one subject. */
export interface SubjectReportTexts {
  /** Terse complaints, as many residents write them. */
  short: readonly string[];
  /** The main sentence of a fuller report. */
  core: readonly string[];
  /** Extra sentences: consequences, history, context. */
  details: readonly string[];
  /** What the author asks for. */
  asks: readonly string[];
}

export const GREETINGS: readonly string[] = [
  'Здравствуйте!',
  'Добрый день!',
  'Здравствуйте.',
  'Добрый день.',
  'Добрый вечер.',
  'Уважаемые специалисты!',
];

export const HISTORY: readonly string[] = [
  'Звонили диспетчеру, заявку приняли, но ничего не сделано.',
  'Это уже не первое обращение по этому адресу.',
  'Писали в управляющую компанию, ответа так и не получили.',
  'Ситуация повторяется регулярно.',
  'Соседи тоже жаловались, но результата нет.',
  'В прошлом году уже обещали исправить.',
];

export const CLOSINGS: readonly string[] = [
  'Фото прилагаю.',
  'Спасибо.',
  'Заранее спасибо.',
  'Жду ответа.',
  'Фотографии приложены.',
  'Очень просим помочь.',
];

const SINCE: readonly string[] = [
  'уже неделю',
  'третий день',
  'с начала месяца',
  'больше месяца',
  'с прошлой недели',
  'несколько дней',
  'уже два месяца',
  'с понедельника',
];

const PLACES: readonly string[] = [
  'у дома {house}',
  'напротив дома {house}',
  'рядом с домом {house}',
  'возле дома {house}',
  'у нашего дома',
  'у дома {house}, со стороны двора',
];

export interface FillContext {
  /** House number of the report's address, e.g. "12" or "12к2". */
  house: string;
}

const PLACEHOLDER = /\{(place|house|entrance|floor|n|since)\}/g;

/** Replaces the placeholders; {place} may itself contain {house}. */
export function fill(template: string, rng: Rng, ctx: FillContext): string {
  if (!template.includes('{')) return template;
  return template.replace(PLACEHOLDER, (_, key: string) => {
    switch (key) {
      case 'place':
        return rng.pick(PLACES).replace('{house}', ctx.house);
      case 'house':
        return ctx.house;
      case 'entrance':
        return String(rng.int(1, 8));
      case 'floor':
        return String(rng.int(2, 16));
      case 'n':
        return String(rng.int(2, 5));
      default:
        return rng.pick(SINCE);
    }
  });
}

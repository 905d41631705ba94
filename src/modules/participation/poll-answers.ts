/**
 * Checks a ballot against the poll's questions, pure: every problem is collected (the first one's
 * code becomes the error's), and a ballot with any problem is stored not at all.
 */

import type { ErrorCode, ErrorDetail } from '../../lib/errors.ts';
import { type StoredAnswer, visibleQuestionIds } from './kinds.schemas.ts';
import type { Answer } from './participation.schemas.ts';

export type CheckedQuestion = {
  id: string;
  kind: 'single' | 'multiple' | 'scale' | 'ranking' | 'text';
  required: boolean;
  maxChoices: number | null;
  scaleMin: number | null;
  scaleMax: number | null;
  showIfQuestionId: string | null;
  showIfOptionIds: string[] | null;
  options: { id: string }[];
};

export type Problem = { code: ErrorCode; detail: ErrorDetail };

/** Which questions are shown for these answers: a condition on a hidden question hides too. */
export function visibleQuestions(questions: CheckedQuestion[], answers: Map<string, Answer>): Set<string> {
  return visibleQuestionIds(
    questions.map((q) => ({
      id: q.id,
      showIf: q.showIfQuestionId
        ? { questionId: q.showIfQuestionId, optionIds: q.showIfOptionIds ?? [] }
        : null,
    })),
    (id) => answers.get(id)?.optionIds ?? [],
  );
}

const isBlank = (a: Answer) =>
  (a.optionIds === undefined || a.optionIds.length === 0) &&
  a.value === undefined &&
  (a.ranking === undefined || a.ranking.length === 0) &&
  (a.text === undefined || a.text.trim() === '');

/** The fields each kind takes; anything else in an answer is a mismatch. */
const fieldsOf: Record<CheckedQuestion['kind'], (keyof Answer)[]> = {
  single: ['optionIds'],
  multiple: ['optionIds'],
  scale: ['value'],
  ranking: ['ranking'],
  text: ['text'],
};

function checkOne(q: CheckedQuestion, a: Answer, path: string): Problem[] {
  const problems: Problem[] = [];
  const add = (code: ErrorCode, field: string) =>
    problems.push({ code, detail: { path: `${path}.${field}`, message: code, code } });
  const allowed = fieldsOf[q.kind];
  for (const field of ['optionIds', 'value', 'ranking', 'text'] as const)
    if (a[field] !== undefined && !allowed.includes(field)) add('answer_kind_mismatch', field);
  const known = new Set(q.options.map((o) => o.id));
  if (q.kind === 'single' || q.kind === 'multiple') {
    const ids = a.optionIds ?? [];
    ids.forEach((id, i) => {
      if (!known.has(id)) add('unknown_option', `optionIds.${i}`);
    });
    if (new Set(ids).size !== ids.length) add('answer_kind_mismatch', 'optionIds');
    const max = q.kind === 'single' ? 1 : (q.maxChoices ?? q.options.length);
    if (ids.length > max) add('too_many_choices', 'optionIds');
  }
  if (q.kind === 'scale' && a.value !== undefined) {
    const { scaleMin: min, scaleMax: max } = q;
    if (!Number.isInteger(a.value) || min === null || max === null || a.value < min || a.value > max)
      add('scale_out_of_range', 'value');
  }
  if (q.kind === 'ranking' && a.ranking !== undefined && a.ranking.length > 0) {
    a.ranking.forEach((id, i) => {
      if (!known.has(id)) add('unknown_option', `ranking.${i}`);
    });
    const distinct = new Set(a.ranking);
    if (distinct.size !== a.ranking.length || a.ranking.length !== known.size)
      add('ranking_not_permutation', 'ranking');
  }
  return problems;
}

/** The answers as they will be stored (blank answers dropped, text trimmed), or every problem. */
export function checkBallot(
  questions: CheckedQuestion[],
  answers: Answer[],
): { problems: Problem[]; stored: StoredAnswer[] } {
  const problems: Problem[] = [];
  const byId = new Map(questions.map((q) => [q.id, q]));
  const given = new Map<string, Answer>();
  answers.forEach((a, i) => {
    const path = `answers.${i}`;
    if (!byId.has(a.questionId))
      problems.push({
        code: 'unknown_option',
        detail: { path: `${path}.questionId`, message: 'unknown_option', code: 'unknown_option' },
      });
    else if (given.has(a.questionId))
      problems.push({
        code: 'answer_kind_mismatch',
        detail: { path: `${path}.questionId`, message: 'answer_kind_mismatch', code: 'answer_kind_mismatch' },
      });
    else if (!isBlank(a)) given.set(a.questionId, a);
  });
  const visible = visibleQuestions(questions, given);
  const stored: StoredAnswer[] = [];
  for (const q of questions) {
    const a = given.get(q.id);
    const index = answers.findIndex((x) => x.questionId === q.id);
    const path = `answers.${index}`;
    if (!visible.has(q.id)) {
      if (a)
        problems.push({
          code: 'answer_to_hidden_question',
          detail: { path, message: 'answer_to_hidden_question', code: 'answer_to_hidden_question' },
        });
      continue;
    }
    if (!a) {
      if (q.required)
        problems.push({
          code: 'required_answer_missing',
          detail: {
            path: `questions.${questions.indexOf(q)}`,
            message: 'required_answer_missing',
            code: 'required_answer_missing',
          },
        });
      continue;
    }
    problems.push(...checkOne(q, a, path));
    stored.push({
      questionId: q.id,
      ...(a.optionIds ? { optionIds: a.optionIds } : {}),
      ...(a.value !== undefined ? { value: a.value } : {}),
      ...(a.ranking ? { ranking: a.ranking } : {}),
      ...(a.text !== undefined ? { text: a.text.trim() } : {}),
    });
  }
  return { problems, stored };
}

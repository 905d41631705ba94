import type { QuestionKind } from '@shared/participation/kinds.schemas.ts';
import type { Poll, PollBodyInput, Question } from '@shared/participation/participation.schemas.ts';
import { fromLocalInput, toLocalInput } from '../../../lib/local-input';

/** The builder's working copy: local keys instead of ids, so questions can move and conditions follow. */
export type DraftOption = { key: string; text: string };
export type DraftQuestion = {
  key: string;
  kind: QuestionKind;
  text: string;
  required: boolean;
  options: DraftOption[];
  maxChoices: number | null;
  scaleMin: number;
  scaleMax: number;
  showIf: { questionKey: string; optionKeys: string[] } | null;
};

export type PollDraft = {
  title: string;
  description: string;
  /** An uploaded image (media id); `imageUrl` when it was saved with the poll. */
  imageId: string | null;
  imageUrl: string | null;
  territoryIds: string[];
  verifiedOnly: boolean;
  /** `datetime-local` values (the browser's time zone). */
  opensAt: string;
  closesAt: string;
  ballotChangeable: boolean;
  resultsVisibility: 'always' | 'after_close' | 'never';
  questions: DraftQuestion[];
};

let counter = 0;
export const newKey = () => `k${Date.now().toString(36)}${(counter++).toString(36)}`;

export const hasOptions = (kind: QuestionKind) =>
  kind === 'single' || kind === 'multiple' || kind === 'ranking';

export function newQuestion(kind: QuestionKind = 'single'): DraftQuestion {
  return {
    key: newKey(),
    kind,
    text: '',
    required: false,
    options: hasOptions(kind)
      ? [
          { key: newKey(), text: '' },
          { key: newKey(), text: '' },
        ]
      : [],
    maxChoices: null,
    scaleMin: 1,
    scaleMax: 5,
    showIf: null,
  };
}

export function emptyDraft(now = new Date()): PollDraft {
  return {
    title: '',
    description: '',
    imageId: null,
    imageUrl: null,
    territoryIds: [],
    verifiedOnly: false,
    opensAt: toLocalInput(now),
    closesAt: toLocalInput(new Date(now.getTime() + 14 * 86_400_000)),
    ballotChangeable: true,
    resultsVisibility: 'after_close',
    questions: [newQuestion('single')],
  };
}

export function draftFromPoll(p: Poll): PollDraft {
  const questions: DraftQuestion[] = p.questions.map((q) => ({
    key: q.id,
    kind: q.kind,
    text: q.text,
    required: q.required,
    options: q.options.map((o) => ({ key: o.id, text: o.text })),
    maxChoices: q.kind === 'multiple' ? q.maxChoices : null,
    scaleMin: q.scale?.min ?? 1,
    scaleMax: q.scale?.max ?? 5,
    showIf: q.showIf ? { questionKey: q.showIf.questionId, optionKeys: q.showIf.optionIds } : null,
  }));
  return {
    title: p.title,
    description: p.description,
    imageId: p.imageId,
    imageUrl: p.imageUrl,
    territoryIds: p.audience.territoryIds,
    verifiedOnly: p.audience.verifiedOnly,
    opensAt: toLocalInput(new Date(p.opensAt)),
    closesAt: toLocalInput(new Date(p.closesAt)),
    ballotChangeable: p.ballotChangeable,
    resultsVisibility: p.resultsVisibility,
    questions,
  };
}

/** The API body: conditions as zero-based indexes into the questions as they now stand. */
export function bodyFromDraft(d: PollDraft): PollBodyInput {
  return {
    title: d.title,
    description: d.description,
    imageId: d.imageId,
    audience: { territoryIds: d.territoryIds, verifiedOnly: d.verifiedOnly },
    opensAt: fromLocalInput(d.opensAt),
    closesAt: fromLocalInput(d.closesAt),
    ballotChangeable: d.ballotChangeable,
    resultsVisibility: d.resultsVisibility,
    questions: d.questions.map((q) => {
      const target = q.showIf ? d.questions.findIndex((x) => x.key === q.showIf?.questionKey) : -1;
      const targetOptions = target >= 0 ? d.questions[target]!.options : [];
      return {
        kind: q.kind,
        text: q.text,
        required: q.required,
        ...(hasOptions(q.kind) ? { options: q.options.map((o) => ({ text: o.text })) } : {}),
        ...(q.kind === 'multiple' && q.maxChoices ? { maxChoices: q.maxChoices } : {}),
        ...(q.kind === 'scale' ? { scale: { min: q.scaleMin, max: q.scaleMax } } : {}),
        ...(q.showIf && target >= 0
          ? {
              showIf: {
                question: target,
                options: q.showIf.optionKeys
                  .map((k) => targetOptions.findIndex((o) => o.key === k))
                  .filter((i) => i >= 0),
              },
            }
          : {}),
      };
    }),
  };
}

/** The questions as a resident would see them (for the preview). */
export function previewQuestions(d: PollDraft): Question[] {
  return d.questions.map((q) => ({
    id: q.key,
    kind: q.kind,
    text: q.text,
    required: q.required,
    options: hasOptions(q.kind) ? q.options.map((o) => ({ id: o.key, text: o.text })) : [],
    maxChoices: q.kind === 'multiple' ? (q.maxChoices ?? q.options.length) : null,
    scale: q.kind === 'scale' ? { min: q.scaleMin, max: q.scaleMax } : null,
    showIf: q.showIf ? { questionId: q.showIf.questionKey, optionIds: q.showIf.optionKeys } : null,
  }));
}

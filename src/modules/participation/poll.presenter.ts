import { renderMarkdown } from '../../lib/markdown.ts';
import { mediaUrls } from '../media/index.ts';
import { windowState } from './participation.policy.ts';
import type { Poll, PollSummary, Question } from './participation.schemas.ts';
import type { PollRow, QuestionWithOptions } from './polls.repo.ts';

export type PollAction = Poll['allowedActions'][number];

export function pollState(row: PollRow, now: Date): Poll['state'] {
  return row.status === 'draft' ? 'draft' : windowState(now, row.opensAt, row.closesAt);
}

export function presentQuestion(q: QuestionWithOptions): Question {
  return {
    id: q.id,
    kind: q.kind,
    text: q.text,
    required: q.required,
    options: q.options.map((o) => ({ id: o.id, text: o.text })),
    maxChoices: q.maxChoices,
    scale: q.scaleMin !== null && q.scaleMax !== null ? { min: q.scaleMin, max: q.scaleMax } : null,
    showIf: q.showIfQuestionId
      ? { questionId: q.showIfQuestionId, optionIds: q.showIfOptionIds ?? [] }
      : null,
  };
}

export function presentPollSummary(row: PollRow, now: Date, actions: PollAction[]): PollSummary {
  return {
    id: row.id,
    title: row.title,
    descriptionHtml: renderMarkdown(row.description),
    imageId: row.imageId,
    imageUrl: row.imageId ? mediaUrls(row.imageId).url : null,
    audience: { territoryIds: row.audienceTerritoryIds, verifiedOnly: row.verifiedOnly },
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    ballotChangeable: row.ballotChangeable,
    resultsVisibility: row.resultsVisibility,
    status: row.status,
    state: pollState(row, now),
    allowedActions: actions,
  };
}

export function presentPoll(
  row: PollRow,
  questions: QuestionWithOptions[],
  myBallot: Poll['myBallot'],
  now: Date,
  actions: PollAction[],
): Poll {
  return {
    ...presentPollSummary(row, now, actions),
    description: row.description,
    questions: questions.map(presentQuestion),
    myBallot,
  };
}

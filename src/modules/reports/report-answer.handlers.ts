import type { Tx } from '../../db/connection.ts';
import { AppError } from '../../lib/errors.ts';
import { reviewDueAt, uncachedCalendar } from '../calendar/index.ts';
import type { Actor } from '../identity/index.ts';
import { event, type Handler } from './report-action.handler.ts';
import { deadlineAfterReview } from './report-redirect.handler.ts';
import * as repo from './reports.repo.ts';

/**
 * The answer's round (PRODUCT.md §2 B): the organisation drafts it, submits it for review, the
 * reviewer publishes or returns it, and the author rates or disputes it. The other actions are in
 * report-actions.service.ts, which runs them all in one transaction each.
 */
type AnswerAction =
  | 'draft-answer'
  | 'submit-answer'
  | 'publish-answer'
  | 'return-answer'
  | 'rate'
  | 'dispute';

/** Working answer = the latest answer still in draft or review (answers newest first). */
function workingAnswer(answers: repo.AnswerRow[]): repo.AnswerRow | undefined {
  return answers.find((a) => a.status === 'draft' || a.status === 'review');
}

function requireWorkingAnswer(answers: repo.AnswerRow[]): repo.AnswerRow {
  const a = workingAnswer(answers);
  if (!a) throw new AppError('invalid_transition');
  return a;
}

async function attachOrFail(
  tx: Tx,
  ids: string[],
  actor: Actor,
  link: Parameters<typeof repo.attachMedia>[3],
) {
  const attached = await repo.attachMedia(tx, ids, actor.id, link);
  const missing = ids.map((id, i) => ({ id, i })).filter(({ id }) => !attached.includes(id));
  if (missing.length > 0)
    throw new AppError(
      'media_unusable',
      missing.map(({ i }) => ({ path: `mediaIds.${i}`, message: 'media_unusable' })),
    );
}

export const answerHandlers: { [A in AnswerAction]: Handler<A> } = {
  async 'draft-answer'({ tx, deps, actor, row, answers, body, now }) {
    const fields = {
      text: body.text,
      result: body.result,
      plannedDate: body.result === 'planned' ? (body.plannedDate ?? null) : null,
      legalReason: body.result === 'rejected' ? (body.legalReason ?? null) : null,
      updatedAt: now,
    };
    // One working answer per round: redrafting edits it; after a publication a new one starts.
    let answerId = workingAnswer(answers)?.id;
    const redraft = answerId !== undefined;
    if (answerId) await repo.updateAnswer(tx, answerId, { ...fields, status: 'draft' });
    else {
      const created = await repo.insertAnswer(tx, {
        ...fields,
        reportId: row.id,
        organisationId: row.organisationId,
        authorId: actor.id,
        status: 'draft',
        createdAt: now,
      });
      answerId = created.id;
    }
    await attachOrFail(tx, body.mediaIds, actor, { reportId: row.id, answerId, purpose: 'answer' });
    // Only a redrafted answer can carry flags from an earlier submission.
    if (redraft) await deps.answerQuality?.forget(tx, answerId);
    return { status: 'answer_drafted', events: [event('answer_drafted', { result: body.result }, false)] };
  },
  async 'submit-answer'({ tx, deps, row, answers, now, answerCheckFacts }) {
    const answer = requireWorkingAnswer(answers);
    // The reviewer sees likely non-answers flagged (the flags stay with the answer, never public).
    const answerCheck = await deps.answerQuality?.assess(
      tx,
      { reportId: row.id, answer, now },
      answerCheckFacts,
    );
    // The organisation has answered: its clock stops, and the review's own deadline starts.
    const calendar = await (deps.calendar ?? uncachedCalendar).get(tx);
    return {
      status: 'answer_review',
      events: [event('answer_submitted', {}, false)],
      changes: { reviewStartedAt: now, reviewDueAt: reviewDueAt(calendar, now) },
      answerChanges: [{ id: answer.id, changes: { status: 'review', updatedAt: now } }],
      ...(answerCheck ? { answerCheck } : {}),
    };
  },
  async 'publish-answer'({ answers, now }) {
    // The working answer is published, an earlier published one superseded.
    const answer = requireWorkingAnswer(answers);
    return {
      status: 'answered',
      events: [event('answer_published', { answerId: answer.id, result: answer.result })],
      changes: { answeredAt: now, reviewStartedAt: null, reviewDueAt: null },
      answerChanges: [
        ...answers
          .filter((a) => a.status === 'published')
          .map((a) => ({ id: a.id, changes: { status: 'superseded' as const } })),
        {
          id: answer.id,
          changes: { status: 'published', publishedAt: now, reviewComment: null, updatedAt: now },
        },
      ],
    };
  },
  async 'return-answer'({ tx, deps, row, answers, body, now }) {
    const answer = requireWorkingAnswer(answers);
    return {
      status: 'answer_drafted',
      events: [event('answer_returned', { comment: body.comment }, false)],
      answerChanges: [
        { id: answer.id, changes: { status: 'draft', reviewComment: body.comment, updatedAt: now } },
      ],
      // Back to the organisation: its clock resumes with the time it had left at submission.
      changes: {
        dueAt: await deadlineAfterReview(tx, deps, row, now),
        reviewStartedAt: null,
        reviewDueAt: null,
      },
    };
  },
  async rate({ tx, actor, row, answers, body, now }) {
    const published = answers.find((a) => a.status === 'published');
    if (!published) throw new AppError('invalid_transition');
    const inserted = await repo.insertRating(tx, {
      reportId: row.id,
      answerId: published.id,
      authorId: actor.id,
      score: body.score,
      solved: body.solved,
      comment: body.comment ?? null,
      createdAt: now,
    });
    if (!inserted) throw new AppError('already_rated');
    return {
      status: body.solved ? 'resolved' : row.status,
      events: [event('rated', { score: body.score, solved: body.solved })],
    };
  },
  async dispute({ tx, actor, row, body }) {
    await attachOrFail(tx, body.mediaIds, actor, { reportId: row.id, purpose: 'dispute' });
    return { status: 'disputed', events: [event('disputed', { comment: body.comment })] };
  },
};

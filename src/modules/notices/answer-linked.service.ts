import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../identity/index.ts';
import { type ReportsDeps, runAction } from '../reports/index.ts';
import type { ReportStatus } from '../reports/report-states.ts';
import * as repo from './notices.repo.ts';
import type { AnswerLinkedResult } from './notices.schemas.ts';
import { canEditNotice } from './notices.service.ts';

/** The steps that take a report from its status to an answer under review, each a usual action. */
const stepsFrom: Partial<
  Record<ReportStatus, readonly ('accept' | 'start' | 'draft-answer' | 'submit-answer')[]>
> = {
  submitted: ['accept', 'start', 'draft-answer', 'submit-answer'],
  assigned: ['start', 'draft-answer', 'submit-answer'],
  reopened: ['start', 'draft-answer', 'submit-answer'],
  in_progress: ['draft-answer', 'submit-answer'],
  answer_drafted: ['draft-answer', 'submit-answer'],
};

/**
 * When a notice has ended, staff answer every report it explains with one action. Each report goes
 * the usual way, through the report workflow's own actions (so each gets its own timeline entries,
 * deadlines and notifications) up to the answer review, where a reviewer publishes it as any other.
 * A report that cannot get there (already answered, closed, waiting for a curator, or an action
 * this person may not take) is skipped and listed with the reason; the others are unaffected.
 */
export async function answerLinkedReports(
  deps: ReportsDeps,
  actor: Actor,
  noticeId: string,
  body: { text: string; result: 'solved' | 'explained' },
): Promise<AnswerLinkedResult> {
  const notice = await repo.findNotice(deps.db, noticeId);
  if (!notice) throw new AppError('notice_not_found');
  if (!canEditNotice(actor, notice.organisationId)) throw new AppError('forbidden');
  const now = deps.clock.now();
  if (now < notice.endsAt) throw new AppError('notice_not_ended');
  const items: AnswerLinkedResult['items'] = [];
  for (const report of await repo.linkedReports(deps.db, noticeId)) {
    let status = report.status as ReportStatus;
    const steps = stepsFrom[status];
    let reason: string | null = steps ? null : status;
    for (const step of steps ?? []) {
      if (step === 'start' && status !== 'assigned' && status !== 'reopened') continue;
      if (step === 'draft-answer' && status !== 'in_progress' && status !== 'answer_drafted') {
        reason = status;
        break;
      }
      try {
        const done =
          step === 'draft-answer'
            ? await runAction(deps, actor, report.id, step, {
                text: body.text,
                result: body.result,
                mediaIds: [],
              })
            : await runAction(deps, actor, report.id, step, {});
        status = done.status;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        reason = err.code;
        break;
      }
    }
    items.push({
      reportId: report.id,
      number: report.number,
      outcome: reason === null && status === 'answer_review' ? 'in_review' : 'skipped',
      reason,
    });
  }
  await repo.markAnswered(deps.db, noticeId, now);
  return { items };
}

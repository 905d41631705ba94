import type { ReportAction } from '@shared/reports/report-states.ts';
import type { ReportDetail } from '@shared/reports/reports.schemas.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../../../components/Card';
import { ErrorMessage } from '../../../../components/ErrorMessage';
import { notify } from '../../../../lib/notices';
import { MergeForm } from '../../../duplicates/components/MergeForm';
import { type ActionRequest, useReportAction } from '../../api/run-report-action';
import { AssignForm } from './AssignForm';
import { ClarificationQuestion } from './ClarificationQuestion';
import { DisputeForm } from './DisputeForm';
import { DraftAnswerForm } from './DraftAnswerForm';
import { ExtendDeadlineForm } from './ExtendDeadlineForm';
import { RateForm } from './RateForm';
import { RecategoriseForm } from './RecategoriseForm';
import { type TextAction, TextActionForm, textActionFields } from './TextActionForm';

/** Actions with an empty body: one button each. */
const buttonActions: readonly ReportAction[] = ['start', 'submit-answer', 'publish-answer', 'unmerge'];

function isTextAction(a: ReportAction): a is TextAction {
  return a in textActionFields;
}

/** Shows exactly the actions the server allows this user now; the rules live on the server. */
export function ReportActions({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const mutation = useReportAction(report.id);
  const [active, setActive] = useState<ReportAction | null>(null);
  const actions = report.allowedActions;
  if (actions.length === 0) return null;

  const run = async (request: ActionRequest) => {
    setActive(request.action);
    const updated = await mutation.mutateAsync(request);
    notify(t('actions.done', { status: t(`status.${updated.status}`) }), 'success');
    return updated;
  };
  const errorFor = (a: ReportAction) => (active === a ? mutation.error : null);
  const pending = mutation.isPending;

  const buttons = actions.filter((a) => buttonActions.includes(a));
  const forms = actions.filter((a) => !buttonActions.includes(a));

  const formFor = (a: ReportAction) => {
    if (isTextAction(a)) {
      const form = (
        <TextActionForm action={a} reportId={report.id} run={run} error={errorFor(a)} pending={pending} />
      );
      if (a !== 'clarify') return form;
      return (
        <>
          <ClarificationQuestion reportId={report.id} until={report.clarifyUntil} />
          {form}
        </>
      );
    }
    switch (a) {
      case 'assign':
      case 'redirect':
        return (
          <AssignForm
            action={a}
            run={run}
            error={errorFor(a)}
            pending={pending}
            categoryId={report.category.id}
            currentOrganisationId={report.organisation?.id}
          />
        );
      case 'draft-answer':
        return (
          <DraftAnswerForm
            run={run}
            error={errorFor(a)}
            pending={pending}
            draft={report.answer?.status === 'published' ? null : report.answer}
            reportId={report.id}
          />
        );
      case 'rate':
        return <RateForm run={run} error={errorFor(a)} pending={pending} until={report.disputeUntil} />;
      case 'dispute':
        return <DisputeForm run={run} error={errorFor(a)} pending={pending} until={report.disputeUntil} />;
      case 'recategorise':
        return (
          <RecategoriseForm
            run={run}
            error={errorFor(a)}
            pending={pending}
            currentCategoryId={report.category.id}
          />
        );
      case 'extend-deadline':
        return (
          <ExtendDeadlineForm
            run={run}
            error={errorFor(a)}
            pending={pending}
            kind={report.kind}
            dueAt={report.dueAt}
          />
        );
      case 'merge':
        return <MergeForm reportId={report.id} run={run} error={errorFor(a)} pending={pending} />;
      default:
        return null;
    }
  };

  // The author's own steps (clarify, rate) are the point of the visit: show them open.
  const openByDefault = (a: ReportAction) =>
    a === 'clarify' ||
    a === 'rate' ||
    // The rare extension does not count: the answer is the operator's main work.
    (a === 'draft-answer' && forms.filter((f) => f !== 'extend-deadline').length === 1);

  return (
    <Card title={t('actions.title')} className="actions">
      {buttons.length > 0 && (
        <div className="action-buttons">
          {buttons.map((a) => (
            <button
              key={a}
              type="button"
              className="button"
              disabled={pending}
              onClick={() => run({ action: a, body: {} } as ActionRequest).catch(() => undefined)}
            >
              {t(`actions.submit.${a}`)}
            </button>
          ))}
        </div>
      )}
      {buttons.map((a) => (
        <ErrorMessage key={a} error={errorFor(a)} />
      ))}
      {forms.map((a) => (
        <details key={a} className="action" open={openByDefault(a) || undefined}>
          <summary>{t(`actions.names.${a}`)}</summary>
          <div className="action-body">{formFor(a)}</div>
        </details>
      ))}
    </Card>
  );
}

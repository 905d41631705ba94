import { openStatuses } from '@shared/reports/report-states.ts';
import type { ReportDetail } from '@shared/reports/reports.schemas.ts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useMe } from '../../auth/api/get-me';
import { SignInPrompt } from '../../auth/components/SignInPrompt';
import { useChangeSupport } from '../api/change-support';

/** The support count, and "me too" (or withdrawing it) for residents who may, or a visitor's way in. */
export function SupportPanel({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const change = useChangeSupport();
  const { data: me } = useMe();
  if (report.kind === 'appeal') return null;
  const open = openStatuses.includes(report.status);
  const canWithdraw = report.supportedByMe && open;
  const visitorMaySupport = open && me === null;
  // "Supported by 0 people" with nothing to do about it says nothing: the card shows when there is
  // support to report or an action to offer.
  if (report.supportCount === 0 && !report.canSupport && !canWithdraw && !visitorMaySupport) return null;
  return (
    <section className="card support" aria-label={t('duplicates.supportTitle')}>
      {(report.supportCount > 0 || me) && (
        <p>
          <strong>{t('duplicates.supporters', { count: report.supportCount })}</strong>
          {report.supportedByMe && <span className="tag">{t('duplicates.youSupport')}</span>}
        </p>
      )}
      {report.canSupport && (
        <>
          <p className="hint">{t('duplicates.supportHint')}</p>
          <button
            type="button"
            className="button button--primary"
            disabled={change.isPending}
            onClick={() => change.mutate({ reportId: report.id, support: true })}
          >
            {t('duplicates.support')}
          </button>
        </>
      )}
      {canWithdraw && (
        <button
          type="button"
          className="button"
          disabled={change.isPending}
          onClick={() => change.mutate({ reportId: report.id, support: false })}
        >
          {t('duplicates.withdraw')}
        </button>
      )}
      {visitorMaySupport && <SignInPrompt>{t('duplicates.signInToSupport')}</SignInPrompt>}
      <ErrorMessage error={change.error} />
    </section>
  );
}

/** On a merged report: where the work goes on. */
export function MergedNotice({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  if (!report.mergedInto) return null;
  return (
    <p className="alert alert--info" role="status">
      {t('duplicates.mergedInto')}{' '}
      <Link to={`/reports/${report.mergedInto.id}`}>
        {t('report.number', { number: report.mergedInto.number })}
      </Link>
    </p>
  );
}

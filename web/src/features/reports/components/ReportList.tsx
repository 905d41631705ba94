import type { ReportList as ReportListData } from '@shared/reports/reports.schemas.ts';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { Pagination } from '../../../components/Pagination';
import { ReportCard } from './ReportCard';

type Props = {
  data: ReportListData | undefined;
  isPending: boolean;
  error: unknown;
  onPage: (page: number) => void;
  emptyText: string;
  /** How each report is shown (work lists show deadlines and a checkbox); a card by default. */
  renderItem?: (report: ReportListData['items'][number]) => React.ReactNode;
  /** The previous list, still shown while the new filter's page loads: dimmed and marked busy. */
  isStale?: boolean;
};

/** Page numbers reach 10,000 reports deep (the API's bound; deeper lists are read by cursor). */
const maxPage = (pageSize: number) => Math.floor(10_000 / pageSize) + 1;

export function ReportList({
  data,
  isPending,
  error,
  onPage,
  emptyText,
  renderItem,
  isStale = false,
}: Props) {
  const { t, i18n } = useTranslation();
  if (error) return <ErrorMessage error={error} />;
  if (isPending || !data) return <Loading />;
  return (
    <div className={isStale ? 'report-list report-list--stale' : 'report-list'} aria-busy={isStale}>
      <p className="list-count" aria-live="polite">
        {data.totalIsExact
          ? t('list.count', { count: data.total })
          : t('list.countMoreThan', {
              count: data.total,
              formatted: data.total.toLocaleString(i18n.language),
            })}
      </p>
      {data.items.length === 0 ? (
        <p className="empty">{emptyText}</p>
      ) : (
        <ul className="plain-list">
          {data.items.map((r) => (
            <li key={r.id}>{renderItem ? renderItem(r) : <ReportCard report={r} />}</li>
          ))}
        </ul>
      )}
      <Pagination
        page={data.page}
        pageSize={data.pageSize}
        total={data.total}
        onPage={onPage}
        {...(data.totalIsExact
          ? {}
          : {
              openEnded: { pageFull: data.items.length === data.pageSize, maxPage: maxPage(data.pageSize) },
            })}
      />
    </div>
  );
}

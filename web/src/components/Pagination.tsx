import { useTranslation } from 'react-i18next';

type Props = {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /**
   * The list counted only so far (`totalIsExact` false, "more than 1,000"): the last page is not
   * known, so "Next" stays while this page is full, up to `maxPage`.
   */
  openEnded?: { pageFull: boolean; maxPage: number };
};

export function Pagination({ page, pageSize, total, onPage, openEnded }: Props) {
  const { t } = useTranslation();
  const counted = Math.max(1, Math.ceil(total / pageSize));
  const pages = openEnded ? Math.max(counted, page) : counted;
  const hasNext = openEnded ? openEnded.pageFull && page < openEnded.maxPage : page < pages;
  if (pages <= 1 && !hasNext) return null;
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <button
        type="button"
        className="button button--secondary"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        {t('pagination.previous')}
      </button>
      <span aria-live="polite">
        {openEnded ? t('pagination.statusOpen', { page }) : t('pagination.status', { page, pages })}
      </span>
      <button
        type="button"
        className="button button--secondary"
        disabled={!hasNext}
        onClick={() => onPage(page + 1)}
      >
        {t('pagination.next')}
      </button>
    </nav>
  );
}

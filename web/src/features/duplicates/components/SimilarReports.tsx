import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useSimilarReports } from '../api/get-similar-reports';
import { SimilarReportList } from './SimilarReportList';

type Props = { categoryId: string; lat?: number; lon?: number; text: string };

/** Rounded, so that nudging the point does not ask again for every metre. */
const coarse = (v: number | undefined) =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 10_000) / 10_000 : undefined;

/** In the report form: open reports of the same subject nearby that look like this one. */
export function SimilarReports({ categoryId, lat, lon, text }: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  const typed = useDebouncedValue(text.trim(), 400);
  const similar = useSimilarReports({ categoryId, lat: coarse(lat), lon: coarse(lon), text: typed });
  const items = categoryId ? (similar.data ?? []) : [];
  return (
    <>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {items.length > 0 ? t('duplicates.announce', { count: items.length }) : ''}
      </p>
      {items.length > 0 && (
        <section className="similar alert alert--info" aria-labelledby={headingId}>
          <h2 id={headingId} className="similar__title">
            {t('duplicates.title')}
          </h2>
          <p>{t('duplicates.hint')}</p>
          <SimilarReportList items={items} />
        </section>
      )}
    </>
  );
}

/** After filing: the similar reports the server found, offered once more. */
export function SimilarAfterFiling({ items }: { items: Parameters<typeof SimilarReportList>[0]['items'] }) {
  const { t } = useTranslation();
  const headingId = useId();
  if (items.length === 0) return null;
  return (
    <section className="similar card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('duplicates.afterTitle')}</h2>
      <p>{t('duplicates.afterHint')}</p>
      <SimilarReportList items={items} />
    </section>
  );
}

import type { OrganisationQuality } from '@shared/answers/answers.schemas.ts';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { formatPercent, localName } from '../../../lib/format';
import { useOrganisationQuality } from '../api/get-organisation-quality';

type Row = {
  key: string;
  name: string;
  answered: number;
  disputed: number;
  rate: number | null;
  flagged: number;
  published: number;
};

const rowOf = (i: OrganisationQuality): Row => ({
  key: i.organisation.id,
  name: localName(i.organisation.name),
  answered: i.answeredReports,
  disputed: i.disputedReports,
  rate: i.disputeRate,
  flagged: i.flaggedAnswers,
  published: i.publishedAnswers,
});

/** The region's figure, to set an organisation's own beside. */
function regionRow(items: OrganisationQuality[], name: string): Row {
  const sum = (f: (i: OrganisationQuality) => number) => items.reduce((total, i) => total + f(i), 0);
  const answered = sum((i) => i.answeredReports);
  const disputed = sum((i) => i.disputedReports);
  return {
    key: 'region',
    name,
    answered,
    disputed,
    rate: answered > 0 ? disputed / answered : null,
    flagged: sum((i) => i.flaggedAnswers),
    published: sum((i) => i.publishedAnswers),
  };
}

/**
 * The dispute rate of each organisation ("false solved"), with how many answers went out flagged —
 * the most disputed first, where a reviewer or a curator looks. An operator (`ownOrganisationId`)
 * sees their own organisation's figures beside the region's, not every other organisation's list.
 */
export function OrganisationQualityTable({ ownOrganisationId }: { ownOrganisationId?: string | null }) {
  const { t } = useTranslation();
  const quality = useOrganisationQuality(true);
  const items = quality.data?.items ?? [];
  const own = ownOrganisationId ? items.find((i) => i.organisation.id === ownOrganisationId) : undefined;
  const rows: Row[] = ownOrganisationId
    ? [...(own ? [rowOf(own)] : []), regionRow(items, t('answerQuality.allOrganisations'))]
    : items
        .filter((i) => i.answeredReports > 0)
        .sort((a, b) => (b.disputeRate ?? 0) - (a.disputeRate ?? 0))
        .map(rowOf);
  const title = t(ownOrganisationId ? 'answerQuality.orgTitleOwn' : 'answerQuality.orgTitle');
  return (
    <section aria-labelledby="org-quality-heading" className="org-quality">
      <h2 id="org-quality-heading">{title}</h2>
      <p className="hint">{t('answerQuality.orgHint')}</p>
      {quality.isPending && <Loading />}
      <ErrorMessage error={quality.error} />
      {quality.data && items.some((i) => i.answeredReports > 0) && (
        // The table scrolls sideways on a phone; the region is focusable so keyboards can scroll it too.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
        <section className="table-scroll" aria-labelledby="org-quality-heading" tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('answerQuality.columns.organisation')}</th>
                <th scope="col">{t('answerQuality.columns.answered')}</th>
                <th scope="col">{t('answerQuality.columns.disputed')}</th>
                <th scope="col">{t('answerQuality.columns.disputeRate')}</th>
                <th scope="col">{t('answerQuality.columns.flagged')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.name}</th>
                  <td>{r.answered}</td>
                  <td>{r.disputed}</td>
                  <td>{r.rate === null ? '—' : formatPercent(r.rate, 1)}</td>
                  <td>
                    {r.flagged} / {r.published}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {quality.data && items.every((i) => i.answeredReports === 0) && <p>{t('answerQuality.orgEmpty')}</p>}
    </section>
  );
}

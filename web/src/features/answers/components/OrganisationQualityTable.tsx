import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { formatPercent, localName } from '../../../lib/format';
import { useOrganisationQuality } from '../api/get-organisation-quality';

/** The dispute rate of each organisation ("false solved"), with how many answers went out flagged. */
export function OrganisationQualityTable() {
  const { t } = useTranslation();
  const quality = useOrganisationQuality(true);
  return (
    <section aria-labelledby="org-quality-heading" className="org-quality">
      <h2 id="org-quality-heading">{t('answerQuality.orgTitle')}</h2>
      <p className="hint">{t('answerQuality.orgHint')}</p>
      {quality.isPending && <Loading />}
      <ErrorMessage error={quality.error} />
      {quality.data && (
        // The table scrolls sideways on a phone; the region is focusable so keyboards can scroll it too.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
        <section className="table-scroll" aria-labelledby="org-quality-heading" tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">{t('answerQuality.orgTitle')}</caption>
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
              {quality.data.items
                .filter((i) => i.answeredReports > 0)
                // The most disputed first: that is where a reviewer or a curator looks.
                .sort((a, b) => (b.disputeRate ?? 0) - (a.disputeRate ?? 0))
                .map((i) => (
                  <tr key={i.organisation.id}>
                    <th scope="row">{localName(i.organisation.name)}</th>
                    <td>{i.answeredReports}</td>
                    <td>{i.disputedReports}</td>
                    <td>{i.disputeRate === null ? '—' : formatPercent(i.disputeRate, 1)}</td>
                    <td>
                      {i.flaggedAnswers} / {i.publishedAnswers}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      )}
      {quality.data?.items.every((i) => i.answeredReports === 0) && <p>{t('answerQuality.orgEmpty')}</p>}
    </section>
  );
}

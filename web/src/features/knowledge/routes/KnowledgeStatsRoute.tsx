import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../../components/Page';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useKnowledgeStats } from '../api/get-stats';

/** Staff: which articles spare residents a report, what residents looked for in vain, what to review. */
export function KnowledgeStatsRoute() {
  const { t } = useTranslation();
  const stats = useKnowledgeStats();
  const s = stats.data;
  return (
    <Page title={t('knowledge.stats.title')} loading={stats.isPending} error={stats.error}>
      {s && (
        <>
          <section aria-labelledby="kb-deflect">
            <h2 id="kb-deflect">{t('knowledge.stats.deflection')}</h2>
            {s.articles.length === 0 ? (
              <p>{t('knowledge.stats.noFeedback')}</p>
            ) : (
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
              <section className="table-scroll" tabIndex={0} aria-labelledby="kb-deflect">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('knowledge.stats.article')}</th>
                      <th scope="col">{t('knowledge.stats.deflected')}</th>
                      <th scope="col">{t('knowledge.stats.helpful')}</th>
                      <th scope="col">{t('knowledge.stats.notHelpful')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.articles.map((a) => (
                      <tr key={a.id}>
                        <th scope="row">
                          <Link to={`/knowledge/${a.id}`}>{a.title}</Link>
                        </th>
                        <td>{a.deflected}</td>
                        <td>{a.helpful}</td>
                        <td>{a.notHelpful}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            )}
          </section>
          <section aria-labelledby="kb-missed">
            <h2 id="kb-missed">{t('knowledge.stats.missed')}</h2>
            {s.missedSearches.length === 0 ? (
              <p>{t('knowledge.stats.noMissed')}</p>
            ) : (
              <ul className="kb-list">
                {s.missedSearches.map((m) => (
                  <li key={m.query}>
                    «{m.query}» — {t('knowledge.stats.times', { count: m.count })}, {formatDateTime(m.lastAt)}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="kb-due">
            <h2 id="kb-due">{t('knowledge.stats.reviewDue')}</h2>s.reviewDue.length === 0 ? (
            <p>{t('knowledge.stats.noneDue')}</p>) : (
            <ul className="kb-list">
              {s.reviewDue.map((a) => (
                <li key={a.id}>
                  <Link to={`/knowledge/${a.id}/edit`}>{a.title}</Link> — {formatDate(a.reviewBy)}
                </li>
              ))}
            </ul>
            )
          </section>
        </>
      )}
    </Page>
  );
}

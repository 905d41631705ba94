import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { useFilterParams } from '../../../lib/use-filter-params';
import { useMe } from '../../auth/api/get-me';
import { isStaff } from '../../staff/queues';
import { useArticles } from '../api/get-articles';
import { useKnowledgeSearch } from '../api/search-knowledge';
import { Snippet } from '../components/Snippet';

/** The knowledge base: a search box (its query in the address) and, without a query, every article. */
export function KnowledgeRoute() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('knowledge.title'));
  const { data: me } = useMe();
  const [params, setParams] = useFilterParams();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const search = useKnowledgeSearch({ q, limit: 20 });
  // The reader's language first: an article translated into it is listed once, in it.
  const articles = useArticles({ language: i18n.language === 'en' ? 'en' : 'ru' });
  const staff = me ? isStaff(me.role) : false;

  return (
    <div className="page page--narrow">
      <div className="page-head">
        <h1>{t('knowledge.title')}</h1>
        {staff && (
          <p>
            <Link className="button" to="/knowledge/new">
              {t('knowledge.new')}
            </Link>{' '}
            <Link className="button button--secondary" to="/staff/knowledge">
              {t('knowledge.stats.title')}
            </Link>
          </p>
        )}
      </div>
      <p>{t('knowledge.intro')}</p>
      <form
        className="kb-search"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(draft.trim() ? { q: draft.trim() } : {});
        }}
      >
        <label htmlFor="kb-q">{t('knowledge.searchLabel')}</label>
        <div className="kb-search__row">
          <input
            id="kb-q"
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            maxLength={300}
          />
          <button type="submit" className="button">
            {t('knowledge.searchButton')}
          </button>
        </div>
      </form>
      {q ? (
        <section aria-labelledby="kb-results">
          <h2 id="kb-results">{t('knowledge.results', { q })}</h2>
          <ErrorMessage error={search.error} />
          {search.isPending && <Loading />}
          {search.data?.length === 0 && <p>{t('knowledge.nothingFound')}</p>}
          <ul className="kb-list">
            {(search.data ?? []).map((h) => (
              <li key={h.id}>
                <Link to={`/knowledge/${h.id}`}>{h.title}</Link>
                <p className="kb-list__snippet">
                  <Snippet html={h.snippet} />
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <section aria-labelledby="kb-all">
          <h2 id="kb-all">{t('knowledge.all')}</h2>
          <ErrorMessage error={articles.error} />
          {articles.isPending && <Loading />}
          <ul className="kb-list">
            {(articles.data?.items ?? []).map((a) => (
              <li key={a.id} lang={a.locale}>
                <Link to={`/knowledge/${a.id}`}>{a.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDateTime } from '../../../lib/format';
import { useArticle } from '../api/get-article';
import { useArticleVersions } from '../api/get-versions';
import { ArticleForm } from '../components/ArticleForm';

/** Staff: a new article (no id) or a new version of one, with its history below. */
export function ArticleEditRoute() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const article = useArticle(id);
  const versions = useArticleVersions(id);
  usePageTitle(id ? t('knowledge.edit') : t('knowledge.new'));
  if (id && article.isPending) return <Loading />;
  if (id && !article.data) return <ErrorMessage error={article.error} />;
  return (
    <div className="page page--narrow">
      <h1>{id ? t('knowledge.edit') : t('knowledge.new')}</h1>
      <ArticleForm editing={article.data ?? null} onSaved={(a) => navigate(`/knowledge/${a.id}`)} />
      {id && (
        <section aria-labelledby="kb-history">
          <h2 id="kb-history">{t('knowledge.history')}</h2>
          <ErrorMessage error={versions.error} />
          <ol className="kb-versions" reversed>
            {(versions.data?.items ?? []).map((v) => (
              <li key={v.version}>
                <details>
                  <summary>
                    {t('knowledge.version', { n: v.version })} · {formatDateTime(v.editedAt)} ·{' '}
                    {v.editedBy?.name ?? '—'} · {t(`knowledge.status.${v.status}`)}
                  </summary>
                  <p>
                    <strong>{v.title}</strong>
                  </p>
                  <pre className="kb-versions__body">{v.body}</pre>
                </details>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

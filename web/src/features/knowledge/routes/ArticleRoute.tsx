import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDate, localName } from '../../../lib/format';
import { useMe } from '../../auth/api/get-me';
import { isStaff } from '../../staff/queues';
import { useArticle } from '../api/get-article';
import { ArticleFeedback } from '../components/ArticleFeedback';

export function ArticleRoute() {
  const { t } = useTranslation();
  const { id } = useParams();
  const article = useArticle(id);
  const { data: me } = useMe();
  const a = article.data;
  usePageTitle(a?.title ?? t('knowledge.title'));
  if (article.isPending) return <Loading />;
  if (!a) return <ErrorMessage error={article.error} />;
  return (
    <article className="page page--narrow kb-article" lang={a.locale}>
      <p>
        <Link to="/knowledge">{t('knowledge.back')}</Link>
      </p>
      <h1>{a.title}</h1>
      {a.status === 'draft' && <p className="alert alert--warning">{t('knowledge.draft')}</p>}
      <p className="hint">
        {a.lastReviewedOn && t('knowledge.reviewedOn', { date: formatDate(a.lastReviewedOn) })}
        {a.categories.length > 0 && ` · ${a.categories.map((c) => localName(c.name)).join(', ')}`}
        {a.territories.length > 0 && ` · ${a.territories.map((c) => localName(c.name)).join(', ')}`}
      </p>
      {a.translations.map((tr) => (
        <p key={tr.id}>
          <Link to={`/knowledge/${tr.id}`} lang={tr.locale} hrefLang={tr.locale}>
            {t(`knowledge.translation.${tr.locale}`)}: {tr.title}
          </Link>
        </p>
      ))}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders Markdown without raw HTML or unsafe links (src/lib/markdown.ts). */}
      <div className="kb-article__body" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
      {a.status === 'published' && <ArticleFeedback articleId={a.id} />}
      {me && isStaff(me.role) && me.role !== 'analyst' && (
        <p>
          <Link className="button button--secondary" to={`/knowledge/${a.id}/edit`}>
            {t('knowledge.edit')}
          </Link>
        </p>
      )}
    </article>
  );
}

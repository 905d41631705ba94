import type { AdminCategory } from '@shared/reference/categories-admin.schemas.ts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { localName } from '../../../lib/format';
import { useAdminCategories, useDeleteCategory, useUpdateCategory } from '../api/admin-categories';
import { CategoryForm } from '../components/CategoryForm';

/** The category tree (admin): topics with their subjects, SLA, moderation hours, archive and restore. */
export function CategoriesRoute() {
  const { t } = useTranslation();
  usePageTitle(t('adminReference.categories.title'));
  const list = useAdminCategories();
  const update = useUpdateCategory();
  const remove = useDeleteCategory();
  const [editing, setEditing] = useState<AdminCategory | null>(null);
  const captionId = useId();
  const items = list.data?.items ?? [];
  return (
    <div className="page">
      <h1>{t('adminReference.categories.title')}</h1>
      <p className="lead">{t('adminReference.categories.lead')}</p>
      {list.isPending && <Loading />}
      <ErrorMessage error={list.error ?? update.error ?? remove.error} />
      {list.data && (
        <>
          <section className="card" aria-labelledby="cat-form-heading">
            <h2 id="cat-form-heading">
              {editing
                ? t('adminReference.categories.edit', { name: localName(editing.name) })
                : t('adminReference.categories.new')}
            </h2>
            <CategoryForm categories={items} editing={editing} onDone={() => setEditing(null)} />
          </section>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard. */}
          <section className="table-scroll" aria-labelledby={captionId} tabIndex={0}>
            <table className="data-table">
              <caption id={captionId}>{t('adminReference.categories.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('adminReference.categories.name')}</th>
                  <th scope="col">{t('adminReference.categories.code')}</th>
                  <th scope="col" className="num">
                    {t('adminReference.categories.slaDays')}
                  </th>
                  <th scope="col" className="num">
                    {t('adminReference.categories.moderationHours')}
                  </th>
                  <th scope="col" className="num">
                    {t('adminReference.categories.reports')}
                  </th>
                  <th scope="col">{t('adminReference.rules.state')}</th>
                  <th scope="col">{t('adminReference.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id} className={c.parentId ? 'subject-row' : 'topic-row'}>
                    <th scope="row">
                      {c.parentId ? '— ' : ''}
                      {localName(c.name)}
                      {c.photoRequired && (
                        <span className="hint"> · {t('adminReference.categories.photo')}</span>
                      )}
                    </th>
                    <td>
                      <code>{c.code}</code>
                    </td>
                    <td className="num">{c.slaDays ?? '—'}</td>
                    <td className="num">{c.moderationHours ?? '—'}</td>
                    <td className="num">{c.reportCount}</td>
                    <td>
                      <span className={`badge ${c.isActive ? 'badge--done' : 'badge--final'}`}>
                        {t(c.isActive ? 'adminReference.active' : 'adminReference.archived')}
                      </span>
                    </td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => setEditing(c)}
                      >
                        {t('adminReference.edit')}
                      </button>
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => update.mutate({ id: c.id, body: { isActive: !c.isActive } })}
                      >
                        {t(c.isActive ? 'adminReference.archive' : 'adminReference.restore')}
                      </button>
                      {c.reportCount === 0 && (
                        <button
                          type="button"
                          className="button button--danger button--small"
                          onClick={() => remove.mutate(c.id)}
                        >
                          {t('adminReference.delete')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}

import type { AdminCategory } from '@shared/reference/categories-admin.schemas.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { ActiveBadge, ArchiveButton, RowButton } from '../../../components/RowActions';
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
          <DataTable
            caption={t('adminReference.categories.caption')}
            columns={[
              { label: t('adminReference.categories.name') },
              { label: t('adminReference.categories.code') },
              { label: t('adminReference.categories.slaDays'), numeric: true },
              { label: t('adminReference.categories.moderationHours'), numeric: true },
              { label: t('adminReference.categories.reports'), numeric: true },
              { label: t('adminReference.rules.state') },
              { label: t('adminReference.actions') },
            ]}
          >
            {items.map((c) => (
              <tr key={c.id} className={c.parentId ? 'subject-row' : 'topic-row'}>
                <th scope="row">
                  {c.parentId ? '— ' : ''}
                  {localName(c.name)}
                  {c.photoRequired && <span className="hint"> · {t('adminReference.categories.photo')}</span>}
                </th>
                <td>
                  <code>{c.code}</code>
                </td>
                <td className="num">{c.slaDays ?? '—'}</td>
                <td className="num">{c.moderationHours ?? '—'}</td>
                <td className="num">{c.reportCount}</td>
                <td>
                  <ActiveBadge active={c.isActive} />
                </td>
                <td className="row-actions">
                  <RowButton onClick={() => setEditing(c)}>{t('adminReference.edit')}</RowButton>
                  <ArchiveButton
                    active={c.isActive}
                    onToggle={() => update.mutate({ id: c.id, body: { isActive: !c.isActive } })}
                  />
                  {c.reportCount === 0 && (
                    <RowButton danger onClick={() => remove.mutate(c.id)}>
                      {t('adminReference.delete')}
                    </RowButton>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </div>
  );
}

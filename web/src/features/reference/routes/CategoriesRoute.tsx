import type { AdminCategory } from '@shared/reference/categories-admin.schemas.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/Card';
import { DataTable } from '../../../components/DataTable';
import { Page } from '../../../components/Page';
import { ActiveBadge, ArchiveButton, RowButton } from '../../../components/RowActions';
import { localName } from '../../../lib/format';
import { useAdminCategories, useDeleteCategory, useUpdateCategory } from '../api/admin-categories';
import { CategoryForm } from '../components/CategoryForm';

/** The category tree (admin): topics with their subjects, SLA, moderation hours, archive and restore. */
export function CategoriesRoute() {
  const { t } = useTranslation();
  const list = useAdminCategories();
  const update = useUpdateCategory();
  const remove = useDeleteCategory();
  const [editing, setEditing] = useState<AdminCategory | null>(null);
  const items = list.data?.items ?? [];
  return (
    <Page
      title={t('adminReference.categories.title')}
      lead={t('adminReference.categories.lead')}
      loading={list.isPending}
      error={list.error ?? update.error ?? remove.error}
    >
      {list.data && (
        <>
          <Card
            title={
              editing
                ? t('adminReference.categories.edit', { name: localName(editing.name) })
                : t('adminReference.categories.new')
            }
          >
            <CategoryForm categories={items} editing={editing} onDone={() => setEditing(null)} />
          </Card>
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
    </Page>
  );
}

import type { Template } from '@shared/answers/answers.schemas.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/Card';
import { Page } from '../../../components/Page';
import { localName } from '../../../lib/format';
import { useMe } from '../../auth/api/get-me';
import { useCategories } from '../../reference/api/get-categories';
import { useDeleteTemplate, useTemplates } from '../api/templates';
import { TemplateForm } from '../components/TemplateForm';

/** The organisation's answer templates: list, create, change, delete. */
export function AnswerTemplatesRoute() {
  const { t } = useTranslation();
  const { data: user } = useMe();
  const templates = useTemplates();
  const categories = useCategories();
  const remove = useDeleteTemplate();
  const [editing, setEditing] = useState<Template | null>(null);
  const categoryName = (id: string | null) =>
    id ? localName(categories.data?.find((c) => c.id === id)?.name) : t('answerQuality.anyCategory');

  return (
    <Page
      title={t('answerQuality.templatesTitle')}
      lead={t('answerQuality.templatesHint')}
      loading={templates.isPending}
      error={templates.error ?? remove.error}
    >
      {templates.data && templates.data.items.length === 0 && <p>{t('answerQuality.noTemplates')}</p>}
      <ul className="plain-list template-list">
        {templates.data?.items.map((tpl) => (
          <li key={tpl.id} className="card">
            <h2>{tpl.title}</h2>
            <p className="hint">{categoryName(tpl.categoryId)}</p>
            <p className="prose">{tpl.text}</p>
            <div className="action-buttons">
              <button type="button" className="button button--secondary" onClick={() => setEditing(tpl)}>
                {t('answerQuality.edit')}
              </button>
              <button
                type="button"
                className="button button--secondary"
                disabled={remove.isPending}
                onClick={() => {
                  if (window.confirm(t('answerQuality.confirmDelete', { title: tpl.title })))
                    remove.mutate(tpl.id);
                }}
              >
                {t('answerQuality.delete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {user && (
        <Card
          title={
            editing ? t('answerQuality.editTitle', { title: editing.title }) : t('answerQuality.newTitle')
          }
        >
          <TemplateForm user={user} editing={editing} onDone={() => setEditing(null)} />
        </Card>
      )}
    </Page>
  );
}

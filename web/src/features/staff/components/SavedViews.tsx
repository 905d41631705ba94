import type { SavedViewQuery } from '@shared/workspace/workspace.schemas.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useCreateView, useDeleteView, useRenameView, useSavedViews } from '../api/saved-views';
import { sameQuery } from '../work-query';

type Props = { current: SavedViewQuery; onApply: (query: SavedViewQuery) => void };

/** The saved view the list shows now, if any: the one whose query is the current one. */
function useActiveView(current: SavedViewQuery) {
  const views = useSavedViews();
  return { views, active: views.data?.find((v) => sameQuery(v.query, current)) };
}

/** The person's saved views as tabs, above the list's search and filters. */
export function SavedViewTabs({ current, onApply }: Props) {
  const { t } = useTranslation();
  const { views, active } = useActiveView(current);
  if (!views.data || views.data.length === 0) return null;
  return (
    <nav aria-label={t('workspace.savedViews')} className="tabs tabs--views">
      <ul>
        {views.data.map((v) => (
          <li key={v.id}>
            <button
              type="button"
              className="tab"
              aria-current={v.id === active?.id ? 'true' : undefined}
              onClick={() => onApply(v.query)}
            >
              {v.name}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Below the search and filters, once they are chosen: the current list saved under a name, or the
 * view it is renamed or deleted.
 */
export function SavedViewControls({ current }: Pick<Props, 'current'>) {
  const { t } = useTranslation();
  const { active } = useActiveView(current);
  const create = useCreateView();
  const rename = useRenameView();
  const remove = useDeleteView();
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<string | null>(null);

  const onSave = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    create.mutate({ name: name.trim(), query: current }, { onSuccess: () => setName('') });
  };
  const onRename = (e: FormEvent) => {
    e.preventDefault();
    if (!active || !renaming?.trim()) return;
    rename.mutate({ id: active.id, name: renaming.trim() }, { onSuccess: () => setRenaming(null) });
  };

  return (
    <section className="saved-views" aria-labelledby="saved-views-heading">
      <h2 id="saved-views-heading" className="visually-hidden">
        {t('workspace.savedViews')}
      </h2>
      {active ? (
        renaming !== null ? (
          <form className="saved-views__form" onSubmit={onRename}>
            <label htmlFor="view-rename">{t('workspace.renameLabel')}</label>
            <input
              id="view-rename"
              value={renaming}
              maxLength={60}
              onChange={(e) => setRenaming(e.target.value)}
            />
            <button type="submit" className="button">
              {t('workspace.rename')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setRenaming(null)}>
              {t('workspace.cancel')}
            </button>
          </form>
        ) : (
          <div className="saved-views__form">
            <span className="hint">{t('workspace.viewShown', { name: active.name })}</span>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setRenaming(active.name)}
            >
              {t('workspace.rename')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => remove.mutate(active.id)}
            >
              {t('workspace.deleteView')}
            </button>
          </div>
        )
      ) : (
        <form className="saved-views__form" onSubmit={onSave}>
          <label htmlFor="view-name">{t('workspace.saveLabel')}</label>
          <input
            id="view-name"
            value={name}
            maxLength={60}
            placeholder={t('workspace.savePlaceholder')}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="button button--secondary" disabled={create.isPending}>
            {t('workspace.save')}
          </button>
        </form>
      )}
      {(create.error || rename.error || remove.error) && (
        <ErrorMessage error={create.error ?? rename.error ?? remove.error} />
      )}
    </section>
  );
}

import type { AdminTerritory } from '@shared/reference/territories-admin.schemas.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/Card';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { localName } from '../../../lib/format';
import { useUpdateTerritory } from '../api/admin-region';

type Props = { territory: AdminTerritory; onDone: (renamed: boolean) => void };

/** Renames a territory in both languages; its reports, rules and boundary stay as they are. */
export function TerritoryRenameForm({ territory, onDone }: Props) {
  const { t } = useTranslation();
  const update = useUpdateTerritory();
  const [nameRu, setNameRu] = useState(territory.name.ru);
  const [nameEn, setNameEn] = useState(territory.name.en);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      { id: territory.id, body: { nameRu: nameRu.trim(), nameEn: nameEn.trim() } },
      { onSuccess: () => onDone(true) },
    );
  };
  return (
    <Card title={t('adminReference.territories.renameTitle', { name: localName(territory.name) })}>
      <form onSubmit={onSubmit} className="form">
        <div className="field">
          <label htmlFor="terr-rename-ru">{t('adminReference.categories.nameRu')}</label>
          <input
            id="terr-rename-ru"
            value={nameRu}
            required
            maxLength={200}
            onChange={(e) => setNameRu(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="terr-rename-en">{t('adminReference.categories.nameEn')}</label>
          <input
            id="terr-rename-en"
            value={nameEn}
            required
            maxLength={200}
            onChange={(e) => setNameEn(e.target.value)}
          />
        </div>
        <ErrorMessage error={update.error} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={update.isPending}>
            {t('adminReference.territories.renameSave')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => onDone(false)}>
            {t('workspace.cancel')}
          </button>
        </div>
      </form>
    </Card>
  );
}

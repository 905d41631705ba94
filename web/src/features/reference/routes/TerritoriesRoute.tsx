import type { AdminTerritory } from '@shared/reference/territories-admin.schemas.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card } from '../../../components/Card';
import { DataTable } from '../../../components/DataTable';
import { Page } from '../../../components/Page';
import { ActiveBadge, ArchiveButton, RowButton } from '../../../components/RowActions';
import { localName } from '../../../lib/format';
import {
  useAdminTerritories,
  useDeleteTerritory,
  useRegionSettings,
  useUpdateTerritory,
} from '../api/admin-region';
import { readGeoJson, TerritoryForm } from '../components/TerritoryForm';
import { TerritoryRenameForm } from '../components/TerritoryRenameForm';

/** Region › districts › municipalities (admin): boundaries uploaded as GeoJSON, archive, restore, delete. */
export function TerritoriesRoute() {
  const { t } = useTranslation();
  const list = useAdminTerritories();
  const settings = useRegionSettings();
  const update = useUpdateTerritory();
  const remove = useDeleteTerritory();
  const [replaced, setReplaced] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<AdminTerritory | null>(null);
  const [renamed, setRenamed] = useState(false);
  const items = list.data?.items ?? [];
  const nameOf = (id: string | null) => {
    const found = items.find((x) => x.id === id);
    return found ? localName(found.name) : '—';
  };
  const replaceBoundary = async (territory: AdminTerritory, file: File | undefined) => {
    if (!file) return;
    setReplaced(null);
    update.mutate(
      { id: territory.id, body: { boundary: await readGeoJson(file) } },
      { onSuccess: () => setReplaced(localName(territory.name)) },
    );
  };
  return (
    <Page
      title={t('adminReference.territories.title')}
      lead={t('adminReference.territories.lead')}
      loading={list.isPending}
      error={list.error ?? update.error ?? remove.error}
    >
      {settings.data && (
        <p>
          {t('adminReference.territories.tolerance', {
            meters: settings.data.nearestDistrictToleranceMeters,
          })}{' '}
          <Link to="/admin/region">{t('adminReference.territories.toleranceChange')}</Link>
        </p>
      )}
      {replaced && (
        <p className="alert alert--success" role="status">
          {t('adminReference.territories.replaced', { name: replaced })}
        </p>
      )}
      {renamed && (
        <p className="alert alert--success" role="status">
          {t('adminReference.territories.renamed')}
        </p>
      )}
      {renaming && (
        <TerritoryRenameForm
          key={renaming.id}
          territory={renaming}
          onDone={(done) => {
            setRenaming(null);
            setRenamed(done);
          }}
        />
      )}
      {list.data && (
        <>
          <DataTable
            caption={t('adminReference.territories.caption')}
            columns={[
              { label: t('adminReference.categories.name') },
              { label: t('adminReference.territories.kind') },
              { label: t('adminReference.territories.parent') },
              { label: t('adminReference.territories.area'), numeric: true },
              { label: t('adminReference.categories.reports'), numeric: true },
              { label: t('adminReference.territories.rules'), numeric: true },
              { label: t('adminReference.rules.state') },
              { label: t('adminReference.actions') },
            ]}
          >
            {items.map((x) => (
              <tr key={x.id}>
                <th scope="row">
                  {x.kind === 'municipality' ? '— ' : ''}
                  {localName(x.name)} <code>{x.code}</code>
                </th>
                <td>{t(`adminReference.territories.kinds.${x.kind}`)}</td>
                <td>{nameOf(x.parentId)}</td>
                <td className="num">{x.areaKm2}</td>
                <td className="num">{x.reportCount}</td>
                <td className="num">{x.ruleCount}</td>
                <td>
                  <ActiveBadge active={x.isActive} />
                </td>
                <td className="row-actions">
                  <RowButton
                    label={`${t('adminReference.territories.rename')} — ${localName(x.name)}`}
                    onClick={() => {
                      setRenamed(false);
                      setRenaming(x);
                      window.scrollTo({ top: 0 });
                    }}
                  >
                    {t('adminReference.territories.rename')}
                  </RowButton>
                  <input
                    id={`boundary-${x.id}`}
                    type="file"
                    className="file-input"
                    accept=".geojson,.json,application/geo+json,application/json"
                    onChange={(e) => void replaceBoundary(x, e.target.files?.[0])}
                  />
                  <label
                    htmlFor={`boundary-${x.id}`}
                    className="button button--secondary button--small file-button"
                  >
                    {t('adminReference.territories.replace')}
                    <span className="visually-hidden"> — {localName(x.name)}</span>
                  </label>
                  {x.kind !== 'region' && (
                    <ArchiveButton
                      active={x.isActive}
                      onToggle={() => update.mutate({ id: x.id, body: { isActive: !x.isActive } })}
                    />
                  )}
                  {x.reportCount === 0 && x.ruleCount === 0 && x.childCount === 0 && (
                    <RowButton danger onClick={() => remove.mutate(x.id)}>
                      {t('adminReference.delete')}
                    </RowButton>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
          <Card title={t('adminReference.territories.new')}>
            <TerritoryForm territories={items} />
          </Card>
        </>
      )}
    </Page>
  );
}

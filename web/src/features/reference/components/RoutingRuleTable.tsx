import type { RoutingRule, RoutingRuleList } from '@shared/routing/routing-rules.schemas.ts';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { RowButton } from '../../../components/RowActions';
import { localName } from '../../../lib/format';
import { useDeleteRoutingRule, useUpdateRoutingRule } from '../api/admin-routing-rules';

/** Today's local date (UTC+3), the last day of a rule ended now. */
const todayKey = () => new Date(Date.now() + 3 * 3600_000).toISOString().slice(0, 10);

/** The routing table: each rule with its dates, whether it is in force, and overlaps marked. */
export function RoutingRuleTable({ list }: { list: RoutingRuleList }) {
  const { t } = useTranslation();
  const update = useUpdateRoutingRule();
  const remove = useDeleteRoutingRule();
  const overlapping = new Set(list.overlaps.flatMap((o) => o.ruleIds));
  const dates = (r: RoutingRule) =>
    r.validFrom || r.validTo
      ? `${r.validFrom ?? '…'} — ${r.validTo ?? '…'}`
      : t('adminReference.rules.always');
  return (
    <>
      <ErrorMessage error={update.error ?? remove.error} />
      <DataTable
        caption={t('adminReference.rules.caption', { count: list.items.length })}
        columns={[
          { label: t('adminReference.rules.category') },
          { label: t('adminReference.rules.territory') },
          { label: t('adminReference.rules.organisation') },
          { label: t('adminReference.rules.priority'), numeric: true },
          { label: t('adminReference.rules.dates') },
          { label: t('adminReference.rules.state') },
          { label: t('adminReference.actions') },
        ]}
      >
        {list.items.map((r) => (
          <tr key={r.id} data-rule-id={r.id}>
            <th scope="row">{localName(r.category.name)}</th>
            <td>{r.territory ? localName(r.territory.name) : t('adminReference.rules.wholeRegion')}</td>
            <td>{localName(r.organisation.name)}</td>
            <td className="num">{r.priority}</td>
            <td>{dates(r)}</td>
            <td>
              <span className={`badge ${r.inForce ? 'badge--done' : 'badge--final'}`}>
                {t(r.inForce ? 'adminReference.rules.inForce' : 'adminReference.rules.notInForce')}
              </span>
              {overlapping.has(r.id) && (
                <span className="badge badge--problem">{t('adminReference.rules.overlap')}</span>
              )}
            </td>
            <td className="row-actions">
              {r.validTo === null && (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => update.mutate({ id: r.id, body: { validTo: todayKey() } })}
                >
                  {t('adminReference.rules.end')}
                </button>
              )}
              <RowButton
                danger
                onClick={() => {
                  if (window.confirm(t('adminReference.rules.confirmDelete'))) remove.mutate(r.id);
                }}
              >
                {t('adminReference.delete')}
              </RowButton>
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

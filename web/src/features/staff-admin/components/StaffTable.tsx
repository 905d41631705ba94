import type { StaffAccount } from '@shared/staff-admin/staff-admin.schemas.ts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, localName } from '../../../lib/format';

type Props = {
  items: StaffAccount[];
  total: number;
  onEdit: (a: StaffAccount) => void;
  onSuspend: (a: StaffAccount, suspend: boolean) => void;
};

/** Staff accounts with role, scope, state and last sign-in; the actions each row allows. */
export function StaffTable({ items, total, onEdit, onSuspend }: Props) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className="table-scroll" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table staff-table">
        <caption id={captionId}>{t('staffAdmin.caption', { count: total })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staffAdmin.name')}</th>
            <th scope="col">{t('staffAdmin.role')}</th>
            <th scope="col">{t('staffAdmin.scope')}</th>
            <th scope="col">{t('staffAdmin.state')}</th>
            <th scope="col">{t('staffAdmin.lastSignIn')}</th>
            <th scope="col">{t('adminReference.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                {a.name}
                <br />
                <span className="hint staff-email">{a.email}</span>
              </th>
              <td>{t(`roles.${a.role}`)}</td>
              <td>
                {a.organisation
                  ? localName(a.organisation.name)
                  : a.territory
                    ? localName(a.territory.name)
                    : t('staffAdmin.wholeRegion')}
              </td>
              <td>
                <span className={`badge ${a.suspended ? 'badge--problem' : 'badge--done'}`}>
                  {t(a.suspended ? 'staffAdmin.suspended' : 'staffAdmin.active')}
                </span>
              </td>
              <td>{a.lastSignInAt ? formatDateTime(a.lastSignInAt) : t('staffAdmin.never')}</td>
              <td className="row-actions">
                {(a.allowed.changeRole || a.allowed.changeScope) && (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => onEdit(a)}
                    aria-label={t('staffAdmin.editOf', { name: a.name })}
                  >
                    {t('adminReference.edit')}
                  </button>
                )}
                {a.allowed.suspend && (
                  <button
                    type="button"
                    className="button button--danger button--small"
                    onClick={() => onSuspend(a, true)}
                    aria-label={t('staffAdmin.suspendOf', { name: a.name })}
                  >
                    {t('staffAdmin.suspend')}
                  </button>
                )}
                {a.allowed.reactivate && (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => onSuspend(a, false)}
                    aria-label={t('staffAdmin.reactivateOf', { name: a.name })}
                  >
                    {t('staffAdmin.reactivate')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

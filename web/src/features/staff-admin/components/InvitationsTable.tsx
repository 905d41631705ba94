import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatDateTime, localName } from '../../../lib/format';
import { useInvitations, useRevokeInvitation } from '../api/staff-invitations';

/** Invitations not yet accepted: pending ones may be revoked, expired ones sent again from the form. */
export function InvitationsTable() {
  const { t } = useTranslation();
  const list = useInvitations();
  const revoke = useRevokeInvitation();
  const captionId = useId();
  const items = list.data?.items ?? [];
  if (list.isPending) return null;
  if (items.length === 0) return <p className="hint">{t('staffAdmin.noInvitations')}</p>;
  return (
    <>
      <ErrorMessage error={list.error ?? revoke.error} />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard. */}
      <section className="table-scroll" aria-labelledby={captionId} tabIndex={0}>
        <table className="data-table">
          <caption id={captionId}>{t('staffAdmin.invitationsCaption', { count: items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('auth.email')}</th>
              <th scope="col">{t('staffAdmin.role')}</th>
              <th scope="col">{t('staffAdmin.scope')}</th>
              <th scope="col">{t('staffAdmin.expires')}</th>
              <th scope="col">{t('adminReference.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  <span className="staff-email">{i.email}</span>
                  <br />
                  <span className="hint">{i.name}</span>
                </th>
                <td>{t(`roles.${i.role}`)}</td>
                <td>
                  {i.organisation
                    ? localName(i.organisation.name)
                    : i.territory
                      ? localName(i.territory.name)
                      : t('staffAdmin.wholeRegion')}
                </td>
                <td>
                  {i.status === 'expired' ? (
                    <span className="badge badge--final">{t('staffAdmin.expired')}</span>
                  ) : (
                    formatDateTime(i.expiresAt)
                  )}
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => revoke.mutate(i.id)}
                    aria-label={t('staffAdmin.revokeOf', { email: i.email })}
                  >
                    {t('staffAdmin.revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

import type { StaffAccount, StaffOptions, StaffRoleName } from '@shared/staff-admin/staff-admin.schemas.ts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Field } from '../../../components/Field';
import { fieldProblem } from '../../../lib/api-client';
import { useUpdateStaff } from '../api/staff-accounts';
import { ScopeFields } from './ScopeFields';

const fields = ['role', 'organisationId', 'territoryId'] as const;

/** Changes the role (admins) and the scope of the account chosen in the list. */
export function StaffEditForm({
  account,
  options,
  onDone,
}: {
  account: StaffAccount;
  options: StaffOptions;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateStaff();
  const [role, setRole] = useState<StaffRoleName>(account.role);
  const [organisationId, setOrganisationId] = useState(account.organisation?.id ?? '');
  const [territoryId, setTerritoryId] = useState(account.territory?.id ?? '');
  useEffect(() => {
    setRole(account.role);
    setOrganisationId(account.organisation?.id ?? '');
    setTerritoryId(account.territory?.id ?? '');
  }, [account]);
  const problem = (path: string) => fieldProblem(update.error, path);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      {
        id: account.id,
        body: {
          ...(account.allowed.changeRole ? { role } : {}),
          organisationId: role === 'operator' ? organisationId || null : null,
          territoryId: role === 'curator' ? territoryId || null : null,
        },
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <ErrorMessage error={update.error} fields={fields} />
      <div className="field-row">
        {account.allowed.changeRole && (
          <Field id="edit-role" label={t('staffAdmin.role')} error={problem('role')} required>
            <select id="edit-role" value={role} onChange={(e) => setRole(e.target.value as StaffRoleName)}>
              {options.roles.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <ScopeFields
          idPrefix="edit"
          role={role}
          organisationId={organisationId}
          territoryId={territoryId}
          options={options}
          problem={problem}
          onChange={(next) => {
            if (next.organisationId !== undefined) setOrganisationId(next.organisationId);
            if (next.territoryId !== undefined) setTerritoryId(next.territoryId);
          }}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={update.isPending}>
          {t('adminReference.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('adminReference.cancel')}
        </button>
      </div>
    </form>
  );
}

import type { StaffOptions, StaffRoleName } from '@shared/staff-admin/staff-admin.schemas.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { fieldProblem } from '../../../lib/api-client';
import { currentLanguage } from '../../../lib/i18n';
import { useInvite } from '../api/staff-invitations';
import { ScopeFields } from './ScopeFields';

const fields = ['email', 'name', 'role', 'organisationId', 'territoryId'] as const;

/** Invites one person by e-mail to a role with its scope; the letter carries a single-use link. */
export function InviteForm({ options }: { options: StaffOptions }) {
  const { t } = useTranslation();
  const invite = useInvite();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRoleName>(options.roles[0] ?? 'operator');
  const [organisationId, setOrganisationId] = useState('');
  const [territoryId, setTerritoryId] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const problem = (path: string) => fieldProblem(invite.error, path);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSentTo(null);
    invite.mutate(
      {
        email,
        name,
        role,
        organisationId: role === 'operator' ? organisationId || null : null,
        territoryId: role === 'curator' ? territoryId || null : null,
        locale: currentLanguage(),
      },
      {
        onSuccess: (created) => {
          setSentTo(created.email);
          setEmail('');
          setName('');
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <ErrorMessage error={invite.error} fields={fields} />
      {sentTo && (
        <p className="alert alert--success" role="status">
          {t('staffAdmin.invited', { email: sentTo })}
        </p>
      )}
      <div className="field-row">
        <Field id="invite-email" label={t('auth.email')} error={problem('email')} required>
          <input
            id="invite-email"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            {...describedBy('invite-email', { error: problem('email') })}
          />
        </Field>
        <Field id="invite-name" label={t('staffAdmin.name')} error={problem('name')} required>
          <input
            id="invite-name"
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...describedBy('invite-name', { error: problem('name') })}
          />
        </Field>
      </div>
      <div className="field-row">
        <Field id="invite-role" label={t('staffAdmin.role')} error={problem('role')} required>
          <select
            id="invite-role"
            value={role}
            onChange={(e) => setRole(e.target.value as StaffRoleName)}
            {...describedBy('invite-role', { error: problem('role') })}
          >
            {options.roles.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <ScopeFields
          idPrefix="invite"
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
      <button type="submit" className="button" disabled={invite.isPending}>
        {invite.isPending ? t('common.sending') : t('staffAdmin.invite')}
      </button>
    </form>
  );
}

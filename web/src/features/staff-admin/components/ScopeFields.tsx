import type { StaffOptions, StaffRoleName } from '@shared/staff-admin/staff-admin.schemas.ts';
import { useTranslation } from 'react-i18next';
import { describedBy, Field } from '../../../components/Field';
import { localName } from '../../../lib/format';

type Props = {
  idPrefix: string;
  role: StaffRoleName;
  organisationId: string;
  territoryId: string;
  options: StaffOptions;
  onChange: (next: { organisationId?: string; territoryId?: string }) => void;
  problem: (path: string) => string | undefined;
};

/** The scope a role needs: an organisation for an operator, a territory for a curator, none otherwise. */
export function ScopeFields({
  idPrefix,
  role,
  organisationId,
  territoryId,
  options,
  onChange,
  problem,
}: Props) {
  const { t } = useTranslation();
  if (role === 'operator') {
    const id = `${idPrefix}-organisation`;
    const error = problem('organisationId');
    return (
      <Field id={id} label={t('staffAdmin.organisation')} error={error} required>
        <select
          id={id}
          value={organisationId}
          onChange={(e) => onChange({ organisationId: e.target.value })}
          {...describedBy(id, { error })}
        >
          <option value="">{t('adminReference.choose')}</option>
          {options.organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {localName(o.name)}
            </option>
          ))}
        </select>
      </Field>
    );
  }
  if (role === 'curator') {
    const id = `${idPrefix}-territory`;
    const error = problem('territoryId');
    return (
      <Field id={id} label={t('staffAdmin.territory')} error={error} required>
        <select
          id={id}
          value={territoryId}
          onChange={(e) => onChange({ territoryId: e.target.value })}
          {...describedBy(id, { error })}
        >
          <option value="">{t('adminReference.choose')}</option>
          {options.territories.map((o) => (
            <option key={o.id} value={o.id}>
              {localName(o.name)}
            </option>
          ))}
        </select>
      </Field>
    );
  }
  return <p className="hint">{t('staffAdmin.regionWide')}</p>;
}

import type { AdminCategory } from '@shared/reference/categories-admin.schemas.ts';
import type { Organisation, Territory } from '@shared/reference/reference.schemas.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { ApiError } from '../../../lib/api-client';
import { localName } from '../../../lib/format';
import { useCreateRoutingRule } from '../api/admin-routing-rules';

type Props = { categories: AdminCategory[]; territories: Territory[]; organisations: Organisation[] };
const fields = ['categoryId', 'territoryId', 'organisationId', 'priority', 'validFrom', 'validTo'] as const;

/** Adds a rule: subject × district (or the whole region) → organisation, with priority and dates. */
export function RoutingRuleForm({ categories, territories, organisations }: Props) {
  const { t } = useTranslation();
  const create = useCreateRoutingRule();
  const [categoryId, setCategoryId] = useState('');
  const [territoryId, setTerritoryId] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [priority, setPriority] = useState('0');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [done, setDone] = useState(false);
  const subjects = categories.filter((c) => c.parentId !== null && c.isActive);
  const problem = (path: string) =>
    create.error instanceof ApiError
      ? create.error.details.find((d) => d.path.replace(/^body\./, '') === path)?.message
      : undefined;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    create.mutate(
      {
        categoryId,
        territoryId: territoryId || null,
        organisationId,
        priority: Number(priority) || 0,
        validFrom: validFrom || null,
        validTo: validTo || null,
      },
      { onSuccess: () => setDone(true) },
    );
  };

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <ErrorMessage error={create.error} fields={fields} />
      {done && (
        <p className="alert alert--success" role="status">
          {t('adminReference.rules.created')}
        </p>
      )}
      <Field
        id="rr-category"
        label={t('adminReference.rules.category')}
        error={problem('categoryId')}
        required
      >
        <select
          id="rr-category"
          value={categoryId}
          onChange={(e) => setCategoryId(e.target.value)}
          required
          {...describedBy('rr-category', { error: problem('categoryId') })}
        >
          <option value="">{t('adminReference.choose')}</option>
          {subjects.map((c) => (
            <option key={c.id} value={c.id}>
              {localName(c.name)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="rr-territory" label={t('adminReference.rules.territory')} error={problem('territoryId')}>
        <select
          id="rr-territory"
          value={territoryId}
          onChange={(e) => setTerritoryId(e.target.value)}
          {...describedBy('rr-territory', { error: problem('territoryId') })}
        >
          <option value="">{t('adminReference.rules.wholeRegion')}</option>
          {territories
            .filter((x) => x.kind === 'district')
            .map((x) => (
              <option key={x.id} value={x.id}>
                {localName(x.name)}
              </option>
            ))}
        </select>
      </Field>
      <Field
        id="rr-organisation"
        label={t('adminReference.rules.organisation')}
        error={problem('organisationId')}
        required
      >
        <select
          id="rr-organisation"
          value={organisationId}
          onChange={(e) => setOrganisationId(e.target.value)}
          required
          {...describedBy('rr-organisation', { error: problem('organisationId') })}
        >
          <option value="">{t('adminReference.choose')}</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {localName(o.name)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="rr-priority"
        label={t('adminReference.rules.priority')}
        hint={t('adminReference.rules.priorityHint')}
        error={problem('priority')}
      >
        <input
          id="rr-priority"
          type="number"
          step={1}
          value={priority}
          onChange={(e) => setPriority(e.target.value)}
          {...describedBy('rr-priority', { error: problem('priority'), hint: true })}
        />
      </Field>
      <div className="field-row">
        <Field id="rr-from" label={t('adminReference.rules.validFrom')} error={problem('validFrom')}>
          <input
            id="rr-from"
            type="date"
            value={validFrom}
            onChange={(e) => setValidFrom(e.target.value)}
            {...describedBy('rr-from', { error: problem('validFrom') })}
          />
        </Field>
        <Field id="rr-to" label={t('adminReference.rules.validTo')} error={problem('validTo')}>
          <input
            id="rr-to"
            type="date"
            value={validTo}
            onChange={(e) => setValidTo(e.target.value)}
            {...describedBy('rr-to', { error: problem('validTo') })}
          />
        </Field>
      </div>
      <button type="submit" className="button" disabled={create.isPending}>
        {t('adminReference.rules.add')}
      </button>
    </form>
  );
}

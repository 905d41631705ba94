import { useTranslation } from 'react-i18next';
import { localName } from '../../../lib/format';
import { districtsOf, useTerritories } from '../../reference/api/get-territories';

type Props = {
  territoryIds: string[];
  verifiedOnly: boolean;
  onChange: (value: { territoryIds: string[]; verifiedOnly: boolean }) => void;
};

/** Who may take part: some districts (none chosen: the whole region), verified residents only or all. */
export function AudienceFields({ territoryIds, verifiedOnly, onChange }: Props) {
  const { t } = useTranslation();
  const territories = useTerritories();
  const districts = districtsOf(territories.data ?? []);
  return (
    <fieldset className="audience">
      <legend>{t('participation.audience')}</legend>
      <p className="hint">{t('participation.audienceHint')}</p>
      <div className="audience__districts">
        {districts.map((d) => (
          <label key={d.id} className="checkbox">
            <input
              type="checkbox"
              checked={territoryIds.includes(d.id)}
              onChange={(e) =>
                onChange({
                  verifiedOnly,
                  territoryIds: e.target.checked
                    ? [...territoryIds, d.id]
                    : territoryIds.filter((x) => x !== d.id),
                })
              }
            />
            {localName(d.name)}
          </label>
        ))}
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={verifiedOnly}
          onChange={(e) => onChange({ territoryIds, verifiedOnly: e.target.checked })}
        />
        {t('participation.verifiedOnlyLabel')}
      </label>
    </fieldset>
  );
}

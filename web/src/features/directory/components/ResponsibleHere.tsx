import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { localName } from '../../../lib/format';
import { useCategories } from '../../reference/api/get-categories';
import { useOrganisations } from '../../reference/api/get-organisations';
import { type Point, useResponsible } from '../api/get-responsible';

/**
 * "Who is responsible here": a point (typed, or the device's location) and, for each category, the
 * organisation the routing rules name there. Works without a map, by keyboard and screen reader.
 */
export function ResponsibleHere() {
  const { t } = useTranslation();
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [point, setPoint] = useState<Point | null>(null);
  const [locating, setLocating] = useState(false);
  const answer = useResponsible(point);
  const categories = useCategories();
  const organisations = useOrganisations();
  const catById = new Map((categories.data ?? []).map((c) => [c.id, c]));
  const orgById = new Map((organisations.data ?? []).map((o) => [o.id, o]));

  const locate = () => {
    if (!navigator.geolocation) return;
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        const p = {
          lat: Math.round(pos.coords.latitude * 1e5) / 1e5,
          lon: Math.round(pos.coords.longitude * 1e5) / 1e5,
        };
        setLat(String(p.lat));
        setLon(String(p.lon));
        setPoint(p);
      },
      () => setLocating(false),
    );
  };

  return (
    <section className="responsible" aria-labelledby="responsible-title">
      <h2 id="responsible-title">{t('directory.responsible.title')}</h2>
      <p className="hint">{t('directory.responsible.hint')}</p>
      <form
        className="responsible__form"
        onSubmit={(e) => {
          e.preventDefault();
          const p = { lat: Number(lat), lon: Number(lon) };
          if (Number.isFinite(p.lat) && Number.isFinite(p.lon) && lat && lon) setPoint(p);
        }}
      >
        <label>
          {t('directory.responsible.lat')}
          <input
            inputMode="decimal"
            value={lat}
            onChange={(e) => setLat(e.target.value)}
            placeholder="59.9343"
          />
        </label>
        <label>
          {t('directory.responsible.lon')}
          <input
            inputMode="decimal"
            value={lon}
            onChange={(e) => setLon(e.target.value)}
            placeholder="30.3351"
          />
        </label>
        <button type="submit" className="button">
          {t('directory.responsible.show')}
        </button>
        <button type="button" className="button button--secondary" onClick={locate} disabled={locating}>
          {t('directory.responsible.here')}
        </button>
      </form>
      <ErrorMessage error={answer.error} />
      {point && answer.isPending && <Loading />}
      {answer.data && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
        <section className="table-scroll" tabIndex={0} aria-labelledby="responsible-title">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('directory.responsible.category')}</th>
                <th scope="col">{t('directory.responsible.organisation')}</th>
              </tr>
            </thead>
            <tbody>
              {answer.data.items.map((i) => {
                const org = orgById.get(i.organisationId);
                return (
                  <tr key={i.categoryId}>
                    <th scope="row">{localName(catById.get(i.categoryId)?.name)}</th>
                    <td>
                      <Link to={`/organisations/${i.organisationId}`}>
                        {org ? localName(org.name) : i.organisationId}
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

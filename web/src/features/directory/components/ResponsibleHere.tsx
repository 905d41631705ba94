import type L from 'leaflet';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { localName } from '../../../lib/format';
import { AddressSearch } from '../../addresses/components/AddressSearch';
import { BaseMap } from '../../map/components/BaseMap';
import { usePointPicker } from '../../map/hooks/use-point-picker';
import { useCategories } from '../../reference/api/get-categories';
import { usePublicConfig } from '../../reference/api/get-config';
import { useOrganisations } from '../../reference/api/get-organisations';
import { type Point, useResponsible } from '../api/get-responsible';

/**
 * "Who is responsible here": a point (a click on the map, a found address, typed coordinates or the
 * device's location) and, for each category, the organisation the routing rules name there, linked
 * to its directory page. Works without map tiles, by keyboard and screen reader (address, coordinates).
 */
export function ResponsibleHere() {
  const { t } = useTranslation();
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [point, setPoint] = useState<Point | null>(null);
  const [locating, setLocating] = useState(false);
  const [address, setAddress] = useState<string | null>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const config = usePublicConfig();
  const choose = (p: Point, label: string | null) => {
    setPoint(p);
    setAddress(label);
    setLat(String(p.lat));
    setLon(String(p.lon));
  };
  usePointPicker(map, point, (p) => choose(p, null));
  // A point found by address or typed is brought into view on the map.
  useEffect(() => {
    if (map && point) map.panTo([point.lat, point.lon]);
  }, [map, point]);
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
        choose(p, null);
      },
      () => setLocating(false),
    );
  };

  return (
    <section className="responsible" aria-labelledby="responsible-title">
      <h2 id="responsible-title">{t('directory.responsible.title')}</h2>
      <p className="hint">{t('directory.responsible.hint')}</p>
      <AddressSearch onPick={(hit) => choose({ lat: hit.lat, lon: hit.lon }, hit.address)} />
      {config.data && (
        <BaseMap
          config={config.data}
          label={t('directory.responsible.mapLabel')}
          className="responsible__map"
          onMap={setMap}
        />
      )}
      <form
        className="responsible__form"
        onSubmit={(e) => {
          e.preventDefault();
          const p = { lat: Number(lat), lon: Number(lon) };
          if (Number.isFinite(p.lat) && Number.isFinite(p.lon) && lat && lon) choose(p, null);
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
      <p role="status">
        {point
          ? address
            ? t('directory.responsible.chosenAddress', { address })
            : t('directory.responsible.chosen', { lat: point.lat.toFixed(5), lon: point.lon.toFixed(5) })
          : t('directory.responsible.noPoint')}
      </p>
      <ErrorMessage error={answer.error} />
      {point && answer.isPending && <Loading />}
      {answer.data && answer.data.items.length === 0 && <p>{t('directory.responsible.nobody')}</p>}
      {answer.data && answer.data.items.length > 0 && (
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

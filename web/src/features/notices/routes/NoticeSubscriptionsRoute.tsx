import type L from 'leaflet';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDateTime } from '../../../lib/format';
import type { AddressHit } from '../../addresses/api/addresses';
import { AddressSearch } from '../../addresses/components/AddressSearch';
import { BaseMap } from '../../map/components/BaseMap';
import { useBoundaries } from '../../map/hooks/use-boundaries';
import { type Point, usePointPicker } from '../../map/hooks/use-point-picker';
import { usePublicConfig } from '../../reference/api/get-config';
import { useTerritories } from '../../reference/api/get-territories';
import {
  useNoticeAlerts,
  useReadAlerts,
  useSubscribe,
  useSubscriptions,
  useUnsubscribe,
} from '../api/subscriptions';

/** A resident's places for notices (an address with a radius) and what they were told about. */
export function NoticeSubscriptionsRoute() {
  const { t } = useTranslation();
  usePageTitle(t('notices.subscriptions.title'));
  const config = usePublicConfig();
  const subscriptions = useSubscriptions();
  const alerts = useNoticeAlerts();
  const readAlerts = useReadAlerts();
  const subscribe = useSubscribe();
  const unsubscribe = useUnsubscribe();
  const [map, setMap] = useState<L.Map | null>(null);
  const [point, setPoint] = useState<Point | null>(null);
  const [label, setLabel] = useState('');
  const [radius, setRadius] = useState('300');
  usePointPicker(map, point, setPoint);
  // The districts drawn on the map: without tiles (or before they load) they show where the city is.
  const territories = useTerritories(true);
  useBoundaries(map, territories.data);
  // The keyboard's way to give the point: its coordinates (kept in step with clicks on the map).
  const [coords, setCoords] = useState({ lat: '', lon: '' });
  useEffect(() => {
    if (point) setCoords({ lat: String(point.lat), lon: String(point.lon) });
  }, [point]);
  const onCoord = (key: 'lat' | 'lon', value: string) => {
    const next = { ...coords, [key]: value };
    setCoords(next);
    const lat = Number(next.lat);
    const lon = Number(next.lon);
    if (next.lat !== '' && next.lon !== '' && Number.isFinite(lat) && Number.isFinite(lon))
      setPoint({ lat, lon });
  };

  const unread = alerts.data?.unread ?? 0;
  // Seen once the page shows them.
  // biome-ignore lint/correctness/useExhaustiveDependencies: mark read when unread alerts arrive.
  useEffect(() => {
    if (unread > 0) readAlerts.mutate();
  }, [unread]);

  // A found address places the point, shows it on the map and names the place unless named already.
  const pickAddress = (hit: AddressHit) => {
    setPoint({ lat: hit.lat, lon: hit.lon });
    map?.setView([hit.lat, hit.lon], 16);
    setLabel((current) => (current.trim() ? current : hit.address));
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!point) return;
    subscribe.mutate(
      { label, point, radiusMeters: Number(radius) },
      {
        onSuccess: () => {
          setLabel('');
          setPoint(null);
        },
      },
    );
  };

  return (
    <div className="page notices-ui notices-subscriptions">
      <p>
        <Link to="/notices">{t('notices.backToList')}</Link>
      </p>
      <h1>{t('notices.subscriptions.title')}</h1>
      <section aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">{t('notices.alerts.heading')}</h2>
        {alerts.isPending && <Loading />}
        <ErrorMessage error={alerts.error} />
        {alerts.data && alerts.data.items.length === 0 && <p className="muted">{t('notices.alerts.none')}</p>}
        <ul className="card-list">
          {alerts.data?.items.map((a) => (
            <li key={a.id} className={`card${a.readAt ? '' : ' card--unread'}`}>
              <Link to={`/notices/${a.notice.id}`}>{a.notice.title}</Link> — {t(`notices.alerts.${a.type}`)}{' '}
              <span className="muted">{formatDateTime(a.createdAt)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="places-heading">
        <h2 id="places-heading">{t('notices.subscriptions.places')}</h2>
        {subscriptions.data && subscriptions.data.items.length === 0 && (
          <p className="muted">{t('notices.subscriptions.none')}</p>
        )}
        <ul className="card-list">
          {subscriptions.data?.items.map((s) => (
            <li key={s.id} className="card">
              <strong>{s.label}</strong>{' '}
              {s.radiusMeters !== null && (
                <span className="muted">{t('notices.subscriptions.radius', { count: s.radiusMeters })}</span>
              )}{' '}
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => unsubscribe.mutate(s.id)}
              >
                {t('notices.subscriptions.remove', { label: s.label })}
              </button>
            </li>
          ))}
        </ul>
        <form onSubmit={onSubmit} className="stack">
          <h3>{t('notices.subscriptions.add')}</h3>
          <p className="hint">{t('notices.subscriptions.hint')}</p>
          <AddressSearch onPick={pickAddress} hint={t('notices.subscriptions.findHint')} />
          {config.data && (
            <BaseMap config={config.data} label={t('notices.subscriptions.mapLabel')} onMap={setMap} />
          )}
          <p role="status">
            {point
              ? t('notices.subscriptions.chosen', { lat: point.lat.toFixed(5), lon: point.lon.toFixed(5) })
              : t('notices.subscriptions.noPoint')}
          </p>
          <div className="row">
            <label htmlFor="sub-lat">
              {t('notices.subscriptions.lat')}
              <input
                id="sub-lat"
                inputMode="decimal"
                value={coords.lat}
                onChange={(e) => onCoord('lat', e.target.value)}
              />
            </label>
            <label htmlFor="sub-lon">
              {t('notices.subscriptions.lon')}
              <input
                id="sub-lon"
                inputMode="decimal"
                value={coords.lon}
                onChange={(e) => onCoord('lon', e.target.value)}
              />
            </label>
          </div>
          <label htmlFor="sub-label">{t('notices.subscriptions.label')}</label>
          <input id="sub-label" value={label} onChange={(e) => setLabel(e.target.value)} />
          <label htmlFor="sub-radius">{t('notices.subscriptions.radiusLabel')}</label>
          <select id="sub-radius" value={radius} onChange={(e) => setRadius(e.target.value)}>
            {['100', '300', '500', '1000', '2000'].map((r) => (
              <option key={r} value={r}>
                {t('notices.subscriptions.radius', { count: Number(r) })}
              </option>
            ))}
          </select>
          <ErrorMessage error={subscribe.error} />
          <button type="submit" className="button" disabled={!point || !label.trim() || subscribe.isPending}>
            {t('notices.subscriptions.submit')}
          </button>
        </form>
      </section>
    </div>
  );
}

import L from 'leaflet';
import { useEffect, useRef } from 'react';

export type Point = { lat: number; lon: number };

/** Click (or tap) on the map to choose a point; the chosen point is shown as a marker. */
export function usePointPicker(
  map: L.Map | null,
  value: Point | null,
  onPick: ((p: Point) => void) | null,
): void {
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;

  useEffect(() => {
    if (!map) return;
    const handler = (e: L.LeafletMouseEvent) => {
      const pick = onPickRef.current;
      if (pick) pick({ lat: Number(e.latlng.lat.toFixed(6)), lon: Number(e.latlng.lng.toFixed(6)) });
    };
    map.on('click', handler);
    return () => {
      map.off('click', handler);
    };
  }, [map]);

  useEffect(() => {
    if (!map || !value) return;
    const marker = L.circleMarker([value.lat, value.lon], {
      radius: 10,
      color: '#ffffff',
      weight: 3,
      fillColor: '#c2410c',
      fillOpacity: 1,
      interactive: false,
    }).addTo(map);
    return () => {
      marker.remove();
    };
  }, [map, value]);
}

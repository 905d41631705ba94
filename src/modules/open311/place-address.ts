import type { Executor } from '../../db/connection.ts';
import { listTerritoryRows as listTerritories } from '../reference/index.ts';

/**
 * Places an Open311 request that gives an address_string but no lat/long, the way the web form's
 * "address and district" mode does: a district named in the address ("Невский район, ул. Дыбенко, 5",
 * "Колпинский р-н") gives the point — the district's point on surface — and the address says where
 * exactly. There is no street-level geocoder, and a street that merely sounds like a district
 * ("Невский проспект" is in the Central district) must not place anything, so only the phrase
 * "<name> район" counts; anything else is refused with a request for coordinates.
 */
export async function placeByDistrict(
  exec: Executor,
  address: string,
): Promise<{ lat: number; lon: number } | null> {
  const named = namedDistricts(address);
  if (named.length === 0) return null;
  const districts = (await listTerritories(exec, false)).filter((t) => t.kind === 'district');
  const hits = districts.filter((d) => named.some((w) => sameDistrict(w, d.nameRu)));
  return hits.length === 1 ? { lat: Number(hits[0]!.lat), lon: Number(hits[0]!.lon) } : null;
}

const normalise = (s: string) => s.toLowerCase().replace(/ё/g, 'е');

/** The words standing before "район" / "р-н" in an address, lower-cased. */
export function namedDistricts(address: string): string[] {
  return [...normalise(address).matchAll(/([а-я-]+)\s+(?:район|р-н|р-на|района|районе)(?![а-я])/g)].map(
    (m) => m[1]!,
  );
}

/** "невского" / "невский" against "Невский район": the same adjective in any case form. */
export function sameDistrict(word: string, districtName: string): boolean {
  const adjective = normalise(districtName).replace(/\s*район$/, '');
  const stem = adjective.slice(0, Math.max(3, adjective.length - 2));
  return word.startsWith(stem) && word.length <= adjective.length + 2;
}

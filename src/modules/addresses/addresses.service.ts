import type { Executor } from '../../db/connection.ts';
import { AppError } from '../../lib/errors.ts';
import * as repo from './addresses.repo.ts';
import type { AddressSearchResult, ReverseResult } from './addresses.schemas.ts';
import { parseAddress } from './normalize.ts';

/** Addresses as the resident types: abbreviations, typos and word forms understood (docs/addresses.md). */
export async function searchAddresses(
  exec: Executor,
  q: { q: string; limit: number },
): Promise<AddressSearchResult> {
  const parsed = parseAddress(q.q);
  // Only a house number or a street type: nothing to look for yet.
  if (!parsed.street) return { items: [] };
  return { items: await repo.searchAddresses(exec, { ...parsed, limit: q.limit }) };
}

/** The nearest address to a point within the radius, or 404: a report's address from its point. */
export async function reverseGeocode(
  exec: Executor,
  q: { lat: number; lon: number; radius: number },
): Promise<ReverseResult> {
  const found = await repo.nearestAddress(exec, q, q.radius);
  if (!found) throw new AppError('address_not_found');
  return found;
}

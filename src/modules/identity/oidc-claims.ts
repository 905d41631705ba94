/**
 * What an OpenID Connect provider vouches for, read from its ID token and userinfo claims. Works
 * with the standard claims (name, email, email_verified, address) and with ESIA-style split names
 * (family_name given_name middle_name: «Фамилия Имя Отчество»).
 */
export type VerifiedAddress = {
  /** The address as one line of text, as the provider formats it (or built from its parts). */
  text: string;
  /** A district named by the provider (non-standard `address.district`), when given. */
  district: string | null;
  /** Coordinates of the address (non-standard `address.latitude`/`longitude`), when given. */
  point: { lat: number; lon: number } | null;
};

export type VerifiedAttributes = {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  address: VerifiedAddress | null;
};

const MAX_TEXT = 500;

function text(value: unknown, max = MAX_TEXT): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed.slice(0, max) : null;
}

function coordinate(value: unknown, limit: number): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

/** Some providers send booleans as strings ("true"); anything else is not a verification. */
function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

function readAddress(claim: unknown): VerifiedAddress | null {
  if (typeof claim === 'string') {
    const t = text(claim);
    return t ? { text: t, district: null, point: null } : null;
  }
  if (!claim || typeof claim !== 'object') return null;
  const a = claim as Record<string, unknown>;
  const district = text(a.district, 120);
  const parts = [a.postal_code, a.country, a.region, a.locality, district, a.street_address]
    .map((p) => text(p))
    .filter((p): p is string => p !== null);
  const formatted = text(a.formatted) ?? (parts.length ? parts.join(', ').slice(0, MAX_TEXT) : null);
  const lat = coordinate(a.latitude, 90);
  const lon = coordinate(a.longitude, 180);
  if (!formatted && lat === null) return null;
  return {
    text: formatted ?? '',
    district,
    point: lat !== null && lon !== null ? { lat, lon } : null,
  };
}

/** Merges the ID token's claims with userinfo (userinfo wins: it is fresher and fuller). */
export function readVerifiedAttributes(
  idToken: Record<string, unknown>,
  userinfo: Record<string, unknown> | null,
): VerifiedAttributes {
  const c = { ...idToken, ...(userinfo ?? {}) };
  const email = text(c.email, 254)?.toLowerCase() ?? null;
  const split = [c.family_name, c.given_name, c.middle_name].map((p) => text(p, 60)).filter(Boolean);
  return {
    subject: String(idToken.sub),
    email,
    emailVerified: email !== null && isTrue(c.email_verified),
    name: text(c.name, 120) ?? (split.length ? split.join(' ').slice(0, 120) : null),
    address: readAddress(c.address),
  };
}

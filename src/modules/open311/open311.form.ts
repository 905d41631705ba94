/**
 * Open311 clients post `application/x-www-form-urlencoded` bodies with `attribute[CODE]` fields; a
 * multi-value attribute arrives as a repeated `attribute[CODE][]` (or repeated `attribute[CODE]`).
 * Fields become strings, or string lists when repeated; attributes are gathered by code.
 */
export type FormFields = Record<string, string | string[]>;

/** More fields than any GeoReport request has (a service's attributes included). */
export const MAX_FORM_FIELDS = 1000;

export class TooManyFieldsError extends Error {}

/**
 * Linear in the body's size: a repeated field is appended in place (copying the list at every
 * repetition made 40,000 repeats of `a=1&` take 20 s of the event loop), and past MAX_FORM_FIELDS
 * the parse stops.
 */
export function parseForm(body: string): FormFields {
  const fields: FormFields = Object.create(null) as FormFields;
  let count = 0;
  for (const [rawKey, value] of new URLSearchParams(body)) {
    if (++count > MAX_FORM_FIELDS) throw new TooManyFieldsError();
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    const seen = fields[key];
    if (seen === undefined) fields[key] = rawKey.endsWith('[]') ? [value] : value;
    else if (Array.isArray(seen)) seen.push(value);
    else fields[key] = [seen, value];
  }
  return fields;
}

/** JSON bodies and query strings are accepted too: their values are brought to the same shape. */
export function normaliseFields(input: unknown): FormFields {
  const fields: FormFields = {};
  if (!input || typeof input !== 'object') return fields;
  for (const [rawKey, value] of Object.entries(input as Record<string, unknown>)) {
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) fields[key] = value.map(String);
    else if (typeof value === 'object' && key === 'attribute')
      for (const [code, v] of Object.entries(value as Record<string, unknown>))
        fields[`attribute[${code}]`] = Array.isArray(v) ? v.map(String) : String(v);
    else fields[key] = String(value);
  }
  return fields;
}

/** The single value of a field (the first, if a client repeated it); blank means absent. */
export function single(fields: FormFields, key: string): string | undefined {
  const v = fields[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === '' ? undefined : s.trim();
}

/** `attribute[CODE]` fields by code, each as a list of non-blank values. */
export function attributesOf(fields: FormFields): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, v] of Object.entries(fields)) {
    const m = /^attribute\[([^\]]+)\]$/.exec(key);
    if (!m) continue;
    const values = (Array.isArray(v) ? v : [v]).map((x) => x.trim()).filter((x) => x !== '');
    out.set(m[1]!, values);
  }
  return out;
}

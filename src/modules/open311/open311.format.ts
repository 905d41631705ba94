import { XMLBuilder } from 'fast-xml-parser';

/**
 * The two wire formats of GeoReport v2. JSON answers with arrays of objects; XML wraps the same data
 * in a root element with one child per item (`<services><service>…`), as the specification's
 * examples do. Every XML document starts with a UTF-8 declaration.
 */
export type Open311Format = 'json' | 'xml';

export const contentTypes: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

const builder = new XMLBuilder({ format: true, suppressEmptyNode: false });

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

export function xmlDocument(root: string, content: unknown): string {
  return `${XML_DECLARATION}\n${builder.build({ [root]: toXmlValue(content) })}`;
}

/** Lists nested in an item are wrapped, one child element per entry (`<values><value>…`). */
const itemNames: Record<string, string> = {
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
  notes: 'note',
  photos: 'photo',
};

/** Booleans as `true`/`false`, null as an empty element; other lists repeat their element. */
function toXmlValue(value: unknown, key?: string): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) {
    const items = value.map((v) => toXmlValue(v));
    const item = key === undefined ? undefined : itemNames[key];
    return item ? { [item]: items } : items;
  }
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toXmlValue(v, k)]));
  return value;
}

/** `[{...}]` in JSON, `<root><item>…</item></root>` in XML. */
export function renderList(format: Open311Format, root: string, item: string, items: unknown[]): string {
  if (format === 'json') return JSON.stringify(items);
  return xmlDocument(root, { [item]: items });
}

export function renderObject(format: Open311Format, root: string, value: unknown): string {
  if (format === 'json') return JSON.stringify(value);
  return xmlDocument(root, value);
}

export type Open311Error = { code: number; description: string };

/** GeoReport v2 errors: a list of `{ code, description }`, `<errors><error>…` in XML. */
export function renderErrors(format: Open311Format, errors: Open311Error[]): string {
  return renderList(format, 'errors', 'error', errors);
}

/** `services.json` → json; anything but the two formats is not a resource here. */
export function splitFormat(file: string): { name: string; format: Open311Format } | null {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? { name: m[1]!, format: m[2] as Open311Format } : null;
}

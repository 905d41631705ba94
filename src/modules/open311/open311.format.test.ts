import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderErrors, renderList, renderObject, splitFormat } from './open311.format.ts';

describe('Open311 rendering', () => {
  it('wraps lists in XML and escapes text, with the UTF-8 declaration', () => {
    const xml = renderList('xml', 'services', 'service', [
      { service_code: 'a&b', metadata: true, description: null, keywords: '<x>' },
    ]);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services>')).toBe(true);
    expect(xml).toContain('<service_code>a&amp;b</service_code>');
    expect(xml).toContain('<keywords>&lt;x&gt;</keywords>');
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml);
    expect(parsed.services.service).toMatchObject({ service_code: 'a&b', metadata: 'true', keywords: '<x>' });
  });

  it('nests attributes and their values one element per entry', () => {
    const xml = renderObject('xml', 'service_definition', {
      service_code: 'x',
      attributes: [
        {
          code: 'size',
          values: [
            { key: 'small', name: 'Малая' },
            { key: 'large', name: 'Большая' },
          ],
        },
      ],
    });
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml);
    expect(parsed.service_definition.attributes.attribute.values.value).toEqual([
      { key: 'small', name: 'Малая' },
      { key: 'large', name: 'Большая' },
    ]);
  });

  it('renders errors as the specification shows', () => {
    expect(JSON.parse(renderErrors('json', [{ code: 400, description: 'lat: x' }]))).toEqual([
      { code: 400, description: 'lat: x' },
    ]);
    expect(renderErrors('xml', [{ code: 403, description: 'no key' }])).toContain(
      '<errors>\n  <error>\n    <code>403</code>\n    <description>no key</description>',
    );
  });

  it('takes the format from the file name', () => {
    expect(splitFormat('road-pothole.json')).toEqual({ name: 'road-pothole', format: 'json' });
    expect(splitFormat('a.b.xml')).toEqual({ name: 'a.b', format: 'xml' });
    expect(splitFormat('road-pothole.csv')).toBeNull();
    expect(splitFormat('.json')).toBeNull();
  });
});

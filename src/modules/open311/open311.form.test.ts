import { describe, expect, it } from 'vitest';
import { attributesOf, normaliseFields, parseForm, single } from './open311.form.ts';

describe('Open311 form bodies', () => {
  it('gathers attribute[CODE] fields, multi-value ones as lists', () => {
    const fields = parseForm(
      'service_code=road-pothole&attribute%5Bsize%5D=large&attribute%5Blane%5D%5B%5D=roadway&attribute%5Blane%5D%5B%5D=tram&attribute%5Bnote%5D=a&attribute%5Bnote%5D=b&attribute%5Bempty%5D=+',
    );
    expect(single(fields, 'service_code')).toBe('road-pothole');
    expect(Object.fromEntries(attributesOf(fields))).toEqual({
      size: ['large'],
      lane: ['roadway', 'tram'],
      note: ['a', 'b'],
      empty: [],
    });
  });

  it('treats blanks as absent and takes the first of repeated single fields', () => {
    const fields = parseForm('lat=+&long=30.1&long=30.2');
    expect(single(fields, 'lat')).toBeUndefined();
    expect(single(fields, 'long')).toBe('30.1');
  });

  it('brings JSON bodies to the same shape', () => {
    const fields = normaliseFields({ lat: 59.9, attribute: { size: 'small', lane: ['tram'] }, x: null });
    expect(fields).toEqual({ lat: '59.9', 'attribute[size]': 'small', 'attribute[lane]': ['tram'] });
  });
});

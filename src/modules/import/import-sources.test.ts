import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { byteLines, readJsonlRecords } from './import-sources.ts';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('byteLines', () => {
  it('splits across chunks, strips CR, keeps a last line without a newline, drops over-long lines', async () => {
    const chunks = [
      Buffer.from('ab'),
      Buffer.from('c\r\nde'),
      Buffer.from('f\n'),
      Buffer.from('x'.repeat(20)),
      Buffer.from('\nlast'),
    ];
    const lines = await collect(byteLines(Readable.from(chunks), 10));
    expect(lines.map((l) => [l.line, l.bytes?.toString() ?? null])).toEqual([
      [1, 'abc'],
      [2, 'def'],
      [3, null],
      [4, 'last'],
    ]);
  });
});

describe('readJsonlRecords', () => {
  it('skips blank lines, strips a BOM, and reports encoding and JSON problems by line', async () => {
    const input = Buffer.concat([
      Buffer.from('\uFEFF{"id":1}\n\n'),
      Buffer.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d, 0x0a]), // an encoded surrogate: not UTF-8
      Buffer.from('"text"\n{"id":4}'),
    ]);
    const records = await collect(readJsonlRecords(Readable.from([input])));
    expect(records).toEqual([
      { line: 1, fields: { id: 1 } },
      { line: 3, problems: [{ path: '', code: 'import_invalid_encoding' }] },
      { line: 4, problems: [{ path: '', code: 'import_malformed_json' }] },
      { line: 5, fields: { id: 4 } },
    ]);
  });
});

import { readFile, rename, writeFile } from 'node:fs/promises';
import { crc32, gunzipSync, gzipSync } from 'node:zlib';
import type { ClassifierModel, LabelModel } from './model.ts';
import { LABELS, type LabelName } from './types.ts';
import { buildRowIndex } from './vectorizer.ts';

/**
 * The model file: gzip of
 *   "VMSTCLSF" | u32 format version | u32 header length | header (JSON) | binary blocks | u32 CRC-32
 * The header holds the configuration, classes, temperatures and training report; the blocks hold the
 * vocabulary buckets, IDF and, per label, the bias, a scale per row and the weights as int8 (each row
 * quantised to ±127 of its largest weight), so the file stays small and loads fast.
 */

const MAGIC = 'VMSTCLSF';
const FORMAT_VERSION = 1;

/** The model file is not a readable Vmeste classifier model (corrupt, truncated, another format or version). */
export class ModelFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFormatError';
  }
}

interface LabelHeader {
  classes: string[];
  temperature: number;
  given: LabelName | null;
  parent: LabelName | null;
  rows: number;
  columns: number;
}

interface Header {
  features: ClassifierModel['features'];
  sharedRows: number;
  buckets: number;
  labels: Partial<Record<LabelName, LabelHeader>>;
  reasonCategory: ClassifierModel['reasonCategory'];
  reasonMode: ClassifierModel['reasonMode'];
  givenTopK: number;
  info: ClassifierModel['info'];
}

function quantize(
  weights: Float32Array,
  rows: number,
  columns: number,
): { scale: Float32Array; q: Int8Array } {
  const scale = new Float32Array(rows);
  const q = new Int8Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let k = 0; k < columns; k++) max = Math.max(max, Math.abs(weights[r * columns + k]!));
    if (max === 0) continue;
    const s = max / 127;
    scale[r] = s;
    for (let k = 0; k < columns; k++) q[r * columns + k] = Math.round(weights[r * columns + k]! / s);
  }
  return { scale, q };
}

function bytes(view: ArrayBufferView): Buffer {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

/** The model as file bytes (deterministic: the same model always gives the same bytes). */
export function encodeModel(model: ClassifierModel): Buffer {
  const blocks: Buffer[] = [bytes(model.vocabulary.buckets), bytes(model.vocabulary.idf)];
  const labels: Partial<Record<LabelName, LabelHeader>> = {};
  for (const name of LABELS) {
    const label = model.labels[name];
    if (!label) continue;
    const { rows, columns } = label.weights;
    const { scale, q } = quantize(label.weights.weights, rows, columns);
    blocks.push(bytes(label.weights.bias), bytes(scale), bytes(q));
    if (label.hierarchy) blocks.push(bytes(label.hierarchy.columnParent), bytes(label.hierarchy.columnClass));
    labels[name] = {
      classes: label.classes,
      temperature: label.temperature,
      given: label.given,
      parent: label.hierarchy?.parent ?? null,
      rows,
      columns,
    };
  }
  const header: Header = {
    features: model.features,
    sharedRows: model.vocabulary.sharedRows,
    buckets: model.vocabulary.buckets.length,
    labels,
    reasonCategory: model.reasonCategory,
    reasonMode: model.reasonMode,
    givenTopK: model.givenTopK,
    info: model.info,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(16);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(FORMAT_VERSION, 8);
  prefix.writeUInt32LE(headerBytes.length, 12);
  const body = Buffer.concat([prefix, headerBytes, ...blocks]);
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32LE(crc32(body), 0);
  return gzipSync(Buffer.concat([body, trailer]), { level: 6 });
}

class Reader {
  private at: number;
  constructor(
    private readonly buf: Buffer,
    start: number,
  ) {
    this.at = start;
  }
  private take(byteLength: number, what: string): Buffer {
    if (this.at + byteLength > this.buf.length)
      throw new ModelFormatError(`the model file ends inside ${what}`);
    const out = this.buf.subarray(this.at, this.at + byteLength);
    this.at += byteLength;
    return out;
  }
  // Copies keep typed arrays aligned whatever the offset in the file.
  u32(n: number, what: string): Uint32Array {
    return new Uint32Array(new Uint8Array(this.take(n * 4, what)).buffer);
  }
  i32(n: number, what: string): Int32Array {
    return new Int32Array(new Uint8Array(this.take(n * 4, what)).buffer);
  }
  f32(n: number, what: string): Float32Array {
    return new Float32Array(new Uint8Array(this.take(n * 4, what)).buffer);
  }
  i8(n: number, what: string): Int8Array {
    return new Int8Array(new Uint8Array(this.take(n, what)).buffer);
  }
  get offset(): number {
    return this.at;
  }
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ModelFormatError(message);
}

function decodeLabel(name: LabelName, h: LabelHeader, reader: Reader, totalRows: number): LabelModel {
  check(
    Array.isArray(h.classes) && h.classes.every((c) => typeof c === 'string'),
    `${name}: classes are not a list of names`,
  );
  check(Number.isInteger(h.rows) && h.rows >= 0 && h.rows <= totalRows, `${name}: bad row count`);
  check(Number.isInteger(h.columns) && h.columns >= 1, `${name}: bad column count`);
  check(typeof h.temperature === 'number' && h.temperature > 0, `${name}: bad temperature`);
  const bias = reader.f32(h.columns, `${name} bias`);
  const scale = reader.f32(h.rows, `${name} scales`);
  const q = reader.i8(h.rows * h.columns, `${name} weights`);
  const weights = new Float32Array(h.rows * h.columns);
  for (let r = 0; r < h.rows; r++) {
    const s = scale[r]!;
    const base = r * h.columns;
    for (let k = 0; k < h.columns; k++) weights[base + k] = q[base + k]! * s;
  }
  let hierarchy: LabelModel['hierarchy'] = null;
  if (h.parent) {
    const columnParent = reader.i32(h.columns, `${name} hierarchy`);
    const columnClass = reader.i32(h.columns, `${name} hierarchy`);
    check(
      columnClass.every((c) => c >= 0 && c < h.classes.length),
      `${name}: hierarchy refers to a class that does not exist`,
    );
    hierarchy = { parent: h.parent, columnParent, columnClass };
  } else check(h.columns === h.classes.length, `${name}: column count differs from class count`);
  return {
    classes: h.classes,
    weights: { columns: h.columns, rows: h.rows, weights, bias },
    temperature: h.temperature,
    given: h.given,
    hierarchy,
  };
}

/** Reads model file bytes; anything wrong with them is a ModelFormatError with a plain message. */
export function decodeModel(file: Buffer): ClassifierModel {
  let raw: Buffer;
  try {
    raw = gunzipSync(file);
  } catch (err) {
    throw new ModelFormatError(
      `not a Vmeste classifier model: the file is not complete gzip data (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  check(
    raw.length >= 20 && raw.toString('latin1', 0, 8) === MAGIC,
    'not a Vmeste classifier model: wrong signature',
  );
  const version = raw.readUInt32LE(8);
  check(
    version === FORMAT_VERSION,
    `unsupported model format version ${version} (this program reads ${FORMAT_VERSION})`,
  );
  const stored = raw.readUInt32LE(raw.length - 4);
  check(crc32(raw.subarray(0, raw.length - 4)) === stored, 'the model file is corrupt: checksum mismatch');
  const headerLength = raw.readUInt32LE(12);
  check(16 + headerLength <= raw.length - 4, 'the model file is corrupt: header length out of range');
  let header: Header;
  try {
    header = JSON.parse(raw.toString('utf8', 16, 16 + headerLength)) as Header;
  } catch {
    throw new ModelFormatError('the model file is corrupt: unreadable header');
  }
  check(
    typeof header === 'object' && header !== null && typeof header.features === 'object',
    'model header lacks features',
  );
  const bits = header.features.hashBits;
  check(Number.isInteger(bits) && bits >= 8 && bits <= 26, 'model header has a bad hash size');
  const reader = new Reader(raw, 16 + headerLength);
  const buckets = reader.u32(header.buckets, 'the vocabulary');
  check(
    buckets.every((b) => b < 2 ** bits) && header.sharedRows <= header.buckets,
    'the vocabulary does not fit the hash size',
  );
  const idf = reader.f32(header.sharedRows, 'the IDF table');
  const labels: Partial<Record<LabelName, LabelModel>> = {};
  for (const name of LABELS) {
    const h = header.labels?.[name];
    if (h) labels[name] = decodeLabel(name, h, reader, header.buckets);
  }
  check(reader.offset === raw.length - 4, 'the model file is corrupt: unexpected data after the weights');
  check(Object.keys(labels).length > 0, 'the model has no labels');
  return {
    formatVersion: 1,
    features: header.features,
    vocabulary: {
      hashBits: bits,
      buckets,
      sharedRows: header.sharedRows,
      idf,
      rowOf: buildRowIndex(buckets, bits),
    },
    labels,
    reasonCategory: header.reasonCategory ?? {},
    reasonMode: header.reasonMode,
    givenTopK: header.givenTopK,
    info: header.info,
  };
}

/** Writes the model to a file (through a temporary file and a rename, so a reader never sees half a model). */
export async function saveModel(model: ClassifierModel, path: string): Promise<number> {
  const data = encodeModel(model);
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, data);
  await rename(tmp, path);
  return data.length;
}

/** Reads a model file; a damaged file gives a ModelFormatError naming the file. */
export async function loadModel(path: string): Promise<ClassifierModel> {
  const data = await readFile(path);
  try {
    return decodeModel(data);
  } catch (err) {
    if (err instanceof ModelFormatError) throw new ModelFormatError(`${path}: ${err.message}`);
    throw new ModelFormatError(
      `${path}: unreadable model (${err instanceof Error ? err.message : String(err)})`,
    );
  }
}

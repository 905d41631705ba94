/**
 * A PGlite data directory dump (an uncompressed tar) without what a test file's copy never reads:
 * the WAL segments other than those holding the last checkpoint and its redo point (after `CHECKPOINT` PostgreSQL
 * keeps recycled segments for later writes; a copy makes new ones when it needs them), and the
 * template databases' files (`base/1`, `base/4`: nothing in a test creates a database). Every test
 * file loads its copy from this dump, so its size is CPU paid by every file: 50 MB became 24 MB
 * (docs/performance.md, "Test suite").
 */
export function slimDataDir(tar: Uint8Array, walSegments: string[], dropDirectories: string[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = Number.parseInt(text(header, 124, 12).trim() || '0', 8);
    const entryLength = 512 + Math.ceil(size / 512) * 512;
    const name = entryName(header);
    if (keep(name, walSegments, dropDirectories)) parts.push(tar.subarray(offset, offset + entryLength));
    offset += entryLength;
  }
  parts.push(new Uint8Array(1024));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function text(bytes: Uint8Array, start: number, length: number): string {
  const field = bytes.subarray(start, start + length);
  const end = field.indexOf(0);
  return new TextDecoder().decode(end === -1 ? field : field.subarray(0, end));
}

/** The entry's path without a leading slash (ustar keeps long paths' directories in `prefix`). */
function entryName(header: Uint8Array): string {
  const prefix = text(header, 345, 155);
  const name = text(header, 0, 100);
  return (prefix ? `${prefix}/${name}` : name).replace(/^\/+/, '');
}

function keep(name: string, walSegments: string[], dropDirectories: string[]): boolean {
  const wal = /^pg_wal\/([0-9A-F]{24})$/.exec(name);
  if (wal) return walSegments.includes(wal[1]!);
  return !dropDirectories.some((d) => name === d || name.startsWith(`${d}/`));
}

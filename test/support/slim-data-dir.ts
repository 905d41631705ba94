import { filterTar } from '../../src/db/postgis-bundle.ts';

/**
 * A PGlite data directory dump (an uncompressed tar) without what a test file's copy never reads:
 * the WAL segments other than those holding the last checkpoint and its redo point (after
 * `CHECKPOINT` PostgreSQL keeps recycled segments for later writes; a copy makes new ones when it
 * needs them), and the template databases' files (`base/1`, `base/4`: nothing in a test creates a
 * database). Every test file loads its copy from this dump, so its size is CPU paid by every file:
 * 50 MB became 23 MB (docs/performance.md, "Test suite").
 */
export function slimDataDir(tar: Uint8Array, walSegments: string[], dropDirectories: string[]): Uint8Array {
  return filterTar(tar, (entry) => {
    // PGlite writes its entries' paths with a leading slash.
    const name = entry.replace(/^\/+/, '');
    const wal = /^pg_wal\/([0-9A-F]{24})$/.exec(name);
    if (wal) return walSegments.includes(wal[1]!);
    return !dropDirectories.some((d) => name === d || name.startsWith(`${d}/`));
  });
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

/**
 * The built web app as `vmeste serve` serves it (here a small build of the same layout): assets named
 * by their content's hash are kept by browsers for a year; the page, the service worker and its list
 * are checked on every use, so a release reaches everyone at once.
 */
let t: TestApp;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'vmeste-web-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><script type="module" src="/assets/index-Ab12Cd34.js"></script>',
  );
  writeFileSync(path.join(root, 'assets', 'index-Ab12Cd34.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'index-Ef56Gh78.css'), 'body{}');
  writeFileSync(path.join(root, 'sw.js'), 'self.addEventListener("fetch", () => {})');
  writeFileSync(path.join(root, 'sw-precache.js'), 'self.__VMESTE_PRECACHE__ = {}');
  writeFileSync(path.join(root, 'manifest.webmanifest'), '{}');
  t = await createTestApp({}, { webRoot: root });
});
afterAll(async () => {
  await t?.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('the web app’s caching', () => {
  it('lets browsers keep the hashed assets for a year', async () => {
    for (const url of ['/assets/index-Ab12Cd34.js', '/assets/index-Ef56Gh78.css']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
    }
  });

  it('has the page, the service worker, its list and the manifest checked on every use', async () => {
    for (const url of ['/', '/index.html', '/sw.js', '/sw-precache.js', '/manifest.webmanifest']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('answers a client-side route with the page, checked on every use too', async () => {
    const res = await get('/reports/12345');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('/assets/index-Ab12Cd34.js');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('keeps a missing asset a 404, never cached for a year', async () => {
    const res = await get('/assets/index-00000000.js');
    expect(res.statusCode).toBe(404);
    expect(res.headers['cache-control'] ?? '').not.toContain('immutable');
  });

  it('leaves the API’s answers to their own caching', async () => {
    const res = await get('/api/health');
    expect(res.headers['cache-control'] ?? '').not.toContain('immutable');
  });
});

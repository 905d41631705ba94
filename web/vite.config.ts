import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const sharedModules = fileURLToPath(new URL('../src/modules', import.meta.url));

/**
 * Writes `sw-precache.js` next to the built files: the list of every emitted file plus a version.
 * `public/sw.js` imports it, so each build changes what the service worker caches (and, because
 * imported scripts are compared on update checks, makes the browser install the new worker).
 */
function precacheManifest(): Plugin {
  return {
    name: 'vmeste-precache-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => !f.endsWith('.map'))
        .map((f) => `/${f}`);
      const shell = ['/', '/index.html', '/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png'];
      const all = [...new Set([...shell, ...files])];
      const version = Object.keys(bundle)
        .filter((f) => f.startsWith('assets/'))
        .sort()
        .join('|');
      let hash = 0;
      for (let i = 0; i < version.length; i++) hash = (hash * 31 + version.charCodeAt(i)) | 0;
      const source = `self.__VMESTE_PRECACHE__ = ${JSON.stringify({ version: (hash >>> 0).toString(36), files: all })};\n`;
      this.emitFile({ type: 'asset', fileName: 'sw-precache.js', source });
    },
  };
}

/** Where the dev and preview servers send /api (the Vmeste server); override with VMESTE_API_URL. */
const apiTarget = process.env.VMESTE_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react(), precacheManifest()],
  resolve: { alias: { '@shared': sharedModules } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 900,
    // Pages are chunks of their own (app/router.tsx); the many small modules they share would be 60-odd
    // chunks of a few KB each — requests on a first load and on the service worker's install — so
    // chunks under 20 KB are merged into those that load with them (web/README.md).
    rollupOptions: { output: { experimentalMinChunkSize: 20_000 } },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
  preview: { port: 4173, proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
});

import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { inject } from 'vitest';
import { dropDatabase } from '../../bench/postgres-databases.ts';
import { freePort } from '../../bench/reliability/ports.ts';
import { vmesteCommand } from '../../bench/reliability/vmeste-command.ts';
import { repoRoot } from '../../src/lib/repo-root.ts';
import { copyPostgresDatabase } from '../support/template.ts';
import { scaled } from '../support/timeouts.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The discard port: nothing listens on it, so a connection to it is refused at once. */
const UNREACHABLE_PORT = 9;
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Nothing but loopback is reachable: every other request goes to a proxy where nothing listens
  // and fails at once (map tiles cannot load, which the app must survive). Chromium never sends
  // loopback through a proxy, so the test server and a loopback OIDC provider answer as usual.
  // Intercepting each request instead (Playwright's `route`) sent every request of every page
  // through the test process (docs/performance.md, "CI in the twenty-fifth session").
  `--proxy-server=http://127.0.0.1:${UNREACHABLE_PORT}`,
  // V8's interpreter only, no JIT compilers: the same JavaScript, run as written. A test page lives
  // for seconds, too short for optimised code to pay back its compilation: the renderers' CPU fell
  // by a fifth and the suite's by ~10 % (docs/performance.md, "CI in the thirty-third session").
  '--js-flags=--jitless',
];

export type Server = { baseUrl: string; stop: () => Promise<void> };

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the server exited with code ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not become healthy within ${timeoutMs / 1000} s:\n${output()}`);
}

/**
 * Starts `vmeste serve` (the real CLI, which serves the built web app) on a fresh database seeded
 * with the demo region: a copy of the one the run's global setup seeded (test/e2e/global-setup.ts),
 * embedded, or on the server VMESTE_E2E_POSTGRES_URL names. Set VMESTE_E2E_URL to test an already
 * running deployment instead.
 */
export async function startServer(extraEnv: NodeJS.ProcessEnv = {}): Promise<Server> {
  const external = process.env.VMESTE_E2E_URL;
  if (external) return { baseUrl: external.replace(/\/$/, ''), stop: async () => {} };

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vmeste-e2e-'));
  const seeded = inject('e2eSeededDataDir');
  if (seeded) await cp(seeded, dataDir, { recursive: true });
  const seededDatabase = inject('e2eSeededDatabase');
  const databaseUrl = seededDatabase
    ? await copyPostgresDatabase(seededDatabase.url, seededDatabase.name)
    : process.env.VMESTE_E2E_DATABASE_URL;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    // Four users clicking through many pages from one address: the default per-IP limits are for the internet.
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_WRITES_PER_MINUTE: '10000',
    // No mail server here: accounts registered in the browser sign in at once.
    REQUIRE_EMAIL_CONFIRMATION: 'false',
    // A test that reads mail names its loopback SMTP server here.
    ...extraEnv,
  };
  // A fresh embedded database unless the run gives the file a database on a server.
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;

  const command = vmesteCommand();
  const child = spawn(process.execPath, [...command.execArgv, command.entry, 'serve'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await rm(dataDir, { recursive: true, force: true });
    if (seededDatabase && databaseUrl) await dropDatabase(databaseUrl);
  };
  try {
    await waitForHealth(baseUrl, child, () => log, 180_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const index = await fetch(`${baseUrl}/`);
  if (!index.ok || !(index.headers.get('content-type') ?? '').includes('text/html')) {
    await stop();
    throw new Error(
      `the server does not serve the web app at / (HTTP ${index.status}); run npm run build:web first`,
    );
  }
  return { baseUrl, stop };
}

/** The browsers this worker has open: a failed test's pages are described from them (failure-report.ts). */
export const openBrowsers = new Set<Browser>();

/** A deployment under test named by VMESTE_E2E_URL is reached directly, even when it is not on loopback. */
function deploymentBypass(): string[] {
  const external = process.env.VMESTE_E2E_URL;
  return external ? [`--proxy-bypass-list=${new URL(external).host}`] : [];
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, ...deploymentBypass()],
  });
  openBrowsers.add(browser);
  browser.on('disconnected', () => openBrowsers.delete(browser));
  return browser;
}

/**
 * A fresh browser context (its own cookies and storage) on the test server; `serviceWorkers: 'block'`
 * where a test needs every request to go to the network.
 */
export async function isolatedContext(
  browser: Browser,
  baseUrl: string,
  viewport = { width: 1280, height: 900 },
  options: { serviceWorkers?: 'allow' | 'block' } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'ru-RU', baseURL: baseUrl, ...options });
  // Playwright's 30 s waits (a locator, a navigation) are hang detectors too: stretched where CI runs
  // four suites on two cores (test/support/timeouts.ts).
  context.setDefaultTimeout(scaled(30_000));
  context.setDefaultNavigationTimeout(scaled(30_000));
  return context;
}

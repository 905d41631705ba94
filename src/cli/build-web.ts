import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Plugin } from 'vite';
import { fromRepo, repoRoot } from '../lib/repo-root.ts';

const webDist = path.join(repoRoot, 'web/dist');
/** Written after a successful build: the sources it was made from and their hash. */
const stampFile = path.join(webDist, '.vmeste-build.json');

type Stamp = { hash: string; inputs: string[] };

/** Files that shape the build without being modules in its graph. */
async function fixedInputs(): Promise<string[]> {
  const publicDir = path.join(repoRoot, 'web/public');
  const copied = existsSync(publicDir)
    ? (await readdir(publicDir, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => path.relative(repoRoot, path.join(e.parentPath, e.name)))
    : [];
  // The lock file stands for every dependency bundled from node_modules.
  return ['web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'package-lock.json', ...copied];
}

/** One hash over the inputs' paths and contents, and the VITE_ variables Vite builds in. */
async function hashInputs(inputs: string[]): Promise<string | null> {
  const hash = createHash('sha256');
  for (const file of [...inputs].sort()) {
    const full = path.join(repoRoot, file);
    if (!existsSync(full)) return null;
    hash
      .update(file)
      .update('\0')
      .update(await readFile(full))
      .update('\0');
  }
  const env = Object.entries(process.env)
    .filter(([k]) => k.startsWith('VITE_'))
    .sort(([a], [b]) => a.localeCompare(b));
  hash.update(JSON.stringify(env));
  return hash.digest('hex');
}

/**
 * Whether web/dist was built from the sources as they are now. Only files the last build actually
 * read are compared (its module graph, outside node_modules): a new source file matters only once
 * some existing one imports it, which changes that one.
 */
export async function webBuildIsCurrent(): Promise<boolean> {
  if (!existsSync(path.join(webDist, 'index.html')) || !existsSync(stampFile)) return false;
  try {
    const stamp = JSON.parse(await readFile(stampFile, 'utf8')) as Stamp;
    return (await hashInputs(stamp.inputs)) === stamp.hash;
  } catch {
    return false;
  }
}

/** Collects the source files of the build (the web app and the shared schemas it imports). */
function moduleRecorder(into: Set<string>): Plugin {
  return {
    name: 'vmeste-build-inputs',
    apply: 'build',
    buildEnd() {
      for (const id of this.getModuleIds()) {
        const file = id.split('?')[0]!;
        if (
          file.startsWith('\0') ||
          !path.isAbsolute(file) ||
          file.includes(`${path.sep}node_modules${path.sep}`)
        )
          continue;
        const relative = path.relative(repoRoot, file);
        if (!relative.startsWith('..')) into.add(relative);
      }
    },
  };
}

/** Runs `vite build` for the web app and stamps the result with the hash of its sources. */
export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  const modules = new Set<string>();
  await build({
    configFile: path.join(repoRoot, 'web/vite.config.ts'),
    plugins: [moduleRecorder(modules)],
    logLevel: 'warn',
  });
  const inputs = [...new Set([...(await fixedInputs()), ...modules])];
  const hash = await hashInputs(inputs);
  if (hash) await writeFile(stampFile, `${JSON.stringify({ hash, inputs } satisfies Stamp)}\n`);
}

/**
 * `vmeste build-web [--force]`: builds the web app into web/dist unless it is already built from
 * the current sources (a start of an unchanged checkout then costs a hash, not a 20 s build).
 */
export async function runBuildWeb(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { force: { type: 'boolean', default: false } } });
  if (!values.force && (await webBuildIsCurrent())) {
    console.log('The web app is up to date (web/dist matches its sources).');
    return;
  }
  const started = performance.now();
  await buildWeb();
  console.log(`Built the web app in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

/**
 * For `serve --build-web` (npm start in a checkout): when web/dist is stale, builds it in a child
 * process, so the build runs on another core while this one opens, migrates and seeds the database.
 * `done` settles when web/dist is ready (wrapped: an async function would wait for a returned
 * promise); null when web/dist already was.
 */
export async function buildWebInBackground(): Promise<{ done: Promise<void> } | null> {
  if (await webBuildIsCurrent()) return null;
  process.stderr.write('Building the web app (its sources changed since the last build)…\n');
  const child = fork(fromRepo('src/cli/main.ts'), ['build-web', '--force'], {
    // tsx by its resolved location, so the child finds it wherever the command was started from.
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`building the web app failed (exit code ${code})`)),
    );
  });
  return { done };
}

/**
 * Module boundaries (docs/architecture.md, "Module boundaries"). Run: npm run lint:boundaries.
 *
 * A module (src/modules/<name>/) is used from outside only through its public surface:
 *   - index.ts, the module's entry (services, routes, types; never a repository);
 *   - its *.schemas.ts files and the few pure files listed below: shared with the web app, they must
 *     not pull server code, and they are imported directly so that evaluating a schema never loads
 *     another module's index.ts (and with it that module's services: an import cycle at load time).
 * Tests (test/ and *.test.ts) may reach into any module's internals: they set up and inspect state.
 */

const path = require('node:path');

/** Files of a module that other code may import directly. */
const publicSurface = [
  '^src/modules/[^/]+/index\\.ts$',
  '^src/modules/[^/]+/[^/]+\\.schemas\\.ts$',
  // Each module's error codes and messages: assembled into one catalogue by src/lib/messages.
  '^src/modules/[^/]+/[^/]+\\.errors\\.ts$',
  // Pure data and functions the web app shares with the server (see web/tsconfig.json "include").
  '^src/modules/reports/report-states\\.ts$',
  '^src/modules/answers/placeholders\\.ts$',
  '^src/modules/calendar/deadlines\\.ts$',
];

/**
 * Intended hooks between two modules that depend on each other (the allowed cycles below): the
 * reports module calls them directly, since going through duplicates/index.ts would load the
 * duplicates module's routes and services in the middle of loading reports.
 */
const moduleHooks = [
  '^src/modules/duplicates/merge\\.handlers\\.ts$',
  '^src/modules/duplicates/report-view\\.ts$',
  // reports ↔ media: a report shows its photos' addresses; media checks who may see a report's files.
  '^src/modules/media/media\\.urls\\.ts$',
];

/** Files the web app may import from src/: the shared, browser-safe part of the public surface. */
const webShared = [
  '^src/modules/[^/]+/[^/]+\\.schemas\\.ts$',
  '^src/modules/reports/report-states\\.ts$',
  '^src/modules/answers/placeholders\\.ts$',
  // reports.schemas.ts bounds deadline extensions by the calendar's limit (a pure constant module).
  '^src/modules/calendar/deadlines\\.ts$',
  '^src/lib/(working-days|validation|errors)\\.ts$',
  // The one message catalogue (errors and validation), read by the server and the web app.
  '^src/lib/messages/(?!.*\\.test\\.ts$)',
  '^src/modules/[^/]+/[^/]+\\.errors\\.ts$',
];

/** The same files as the web app names them (the @shared alias). */
const webSharedSpecifiers = [
  '^@shared/[^/]+/[^/]+\\.schemas\\.ts$',
  '^@shared/reports/report-states\\.ts$',
  '^@shared/answers/placeholders\\.ts$',
  // The message catalogue, imported by web/src/lib/i18n.ts.
  '^src/lib/messages/index\\.ts$',
];

const serverPackages = 'node_modules/(pg|postgres|drizzle-orm|@electric-sql|fastify|@fastify)/';

/** One regular expression of alternatives (some rule attributes take a string only). */
const joined = (patterns) => patterns.map((p) => `(${p})`).join('|');

const tests = '(^test/|\\.test\\.ts$)';

module.exports = {
  forbidden: [
    {
      name: 'module-internals',
      severity: 'error',
      comment:
        'A module uses another only through its index.ts (or a shared *.schemas.ts). Export what you need ' +
        "from the other module's index.ts; a repository is wrapped in a function there, never re-exported.",
      from: {
        path: '^src/modules/([^/]+)/',
        pathNot: tests,
      },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', ...publicSurface, ...moduleHooks] },
    },
    {
      name: 'app-through-module-index',
      severity: 'error',
      comment:
        "The server, jobs, CLI, database seed, demo and benchmarks use a module only through its index.ts.",
      from: { path: '^(src/(server|jobs|cli|db|demo|lib)|bench)/', pathNot: tests },
      to: { path: '^src/modules/[^/]+/', pathNot: publicSurface },
    },
    {
      name: 'shared-schemas-stay-pure',
      severity: 'error',
      comment:
        'Files shared with the web app (schemas, report-states, placeholders) never import a module entry, ' +
        'a service, routes or a repository: it would land in the browser bundle.',
      from: { path: webShared },
      to: { path: ['^src/modules/[^/]+/index\\.ts$', '\\.(repo|service|routes|handlers)\\.ts$', '^src/(db|server|jobs|cli)/'] },
    },
    {
      name: 'shared-schemas-no-server-packages',
      severity: 'error',
      comment: 'Nothing the shared files load may reach the database, the HTTP server or Node built-ins.',
      from: { path: webShared },
      to: { path: serverPackages, reachable: true },
    },
    {
      name: 'shared-schemas-no-node-builtins',
      severity: 'error',
      from: { path: webShared },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-shared-only',
      severity: 'error',
      comment:
        'The web app imports from src/modules (as @shared/…, the alias Vite and web/tsconfig.json resolve) ' +
        'only the shared schemas and pure files, and nothing else from src/.',
      from: { path: '^web/' },
      to: { path: ['^@shared/', '^src/', '(^|/)\\.\\./src/'], pathNot: webSharedSpecifiers },
    },
    {
      name: 'web-no-server-packages',
      severity: 'error',
      comment: 'Nothing the web app loads may reach the database, the HTTP server or Node built-ins.',
      from: { path: '^web/src/' },
      to: {
        path: serverPackages,
        reachable: true,
      },
    },
    {
      name: 'web-no-node-builtins',
      severity: 'error',
      comment: 'The browser has no Node built-ins.',
      from: { path: '^web/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-test-code-in-app',
      severity: 'error',
      comment: 'Application code never imports test helpers.',
      from: { path: '^(src|bench|web/src)/', pathNot: tests },
      to: { path: '^test/' },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment:
        'Modules must not depend on each other in a cycle (type-only imports are erased and do not count). ' +
        'The existing cycles are allowed by naming a file they pass through (viaOnly.pathNot); a new one fails.',
      from: { path: '^src/modules/' },
      to: {
        circular: true,
        viaOnly: {
          dependencyTypesNot: ['type-only'],
          pathNot: joined([
            // identity ↔ server: the modules' routes use the auth plugin, which resolves sessions
            // through identity. The plugin is the server's half of identity.
            '^src/server/plugins/auth\\.ts$',
            // reports ↔ duplicates: merge/unmerge are report actions (the reports module's action
            // table holds them) whose handlers live with the duplicates they manage.
            '^src/modules/duplicates/merge\\.handlers\\.ts$',
            // reports ↔ duplicates: a report's page and its creation answer show its supporters and
            // merges ("already reported"), which the duplicates module computes.
            '^src/modules/duplicates/report-view\\.ts$',
          ]),
        },
      },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that cannot be resolved is a typo or a missing package.',
      from: {},
      // @shared/… is the web app's alias for src/modules (checked by web-shared-only).
      to: { couldNotResolve: true, pathNot: '^@shared/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|data)/' },
    // web/tsconfig.json is the only one with "paths" (@shared → src/modules); resolving the server's
    // relative imports does not depend on the tsconfig, so one tsconfig serves the whole tree.
    // (An absolute path: TypeScript finds no input files when given this one relative to the root.)
    tsConfig: { fileName: path.join(__dirname, 'web', 'tsconfig.json') },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};

// Builds everything into dist/: main, preload, harness and CLI bundles with esbuild, the
// renderer with Vite. The sandboxed preload must be a single file, hence bundling.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

// --- the command line's fast entry (docs/architecture.md, "Start-up") ------
// dist/cli.js must load little more than Node does: loading zod alone costs more than Node's own
// start. The shared modules of facts — the service modules (electron/shared/services/*.ts) and
// the settings' rules (electron/shared/settings.ts) — hold format checks and field rules the fast
// path never runs, so they are replaced in dist/cli.js by their plain data (strings, numbers, lists, plain objects, regular
// expressions), evaluated here from the modules themselves, so each stays the one source.
// Importing anything else from them there (a function, a schema) fails this build with esbuild's
// "No matching export", and the build fails if zod gets in by another way.

/** A JavaScript expression for `value` when it is plain data, else null. */
function plainData(value) {
  if (value instanceof RegExp) return value.toString();
  const plain = (v) =>
    v === null ||
    typeof v === 'string' ||
    typeof v === 'boolean' ||
    (typeof v === 'number' && Number.isFinite(v)) ||
    (Array.isArray(v) && v.every(plain)) ||
    (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(plain));
  if (!plain(value)) return null;
  // Pure: an export the entry does not use is dropped from the bundle.
  return typeof value === 'object' && value !== null ? `/* @__PURE__ */ JSON.parse(${JSON.stringify(JSON.stringify(value))})` : JSON.stringify(value);
}

/** The module at `file` as `export const` lines of its plain-data exports, evaluated now. */
async function bakeModule(file) {
  const out = await build({ entryPoints: [file], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(file));
  const lines = [`// ${path.relative(root, file)}: its plain data, evaluated by scripts/build.mjs`];
  for (const [name, value] of Object.entries(mod.exports)) {
    const expr = plainData(value);
    if (expr !== null) lines.push(`export const ${name} = ${expr};`);
  }
  return lines.join('\n');
}

const bakeSharedFacts = {
  name: 'bake-shared-facts',
  setup(b) {
    b.onLoad({ filter: /[\\/]electron[\\/]shared[\\/](services[\\/][^\\/]+|settings)\.ts$/ }, async (args) => ({ contents: await bakeModule(args.path), loader: 'js' }));
  },
};

/** Node's own modules have no side effects worth keeping, so an import of one the entry never
 * uses is dropped rather than loaded (node:crypto alone takes ~10 ms to load). */
const unusedBuiltinsDropped = {
  name: 'unused-builtins-dropped',
  setup(b) {
    // `import * as fs` in a module turns into a copy of every export of node:fs, in every module
    // that says it; through one module per builtin it is copied once.
    b.onResolve({ filter: /^node:/ }, (args) =>
      args.namespace === 'builtin' || args.kind !== 'import-statement' ? { path: args.path, external: true, sideEffects: false } : { path: args.path, namespace: 'builtin', sideEffects: false },
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: `export * from ${JSON.stringify(args.path)};`, loader: 'js' }));
  },
};

/** The entry's lazy `require('./cli')` is the full command line, built beside it as cli-full.js. */
const fullCliBeside = {
  name: 'full-cli-beside',
  setup(b) {
    b.onResolve({ filter: /^\.\/cli$/ }, (args) => (args.importer.endsWith(path.join('electron', 'cli', 'entry.ts')) ? { path: './cli-full.js', external: true } : undefined));
  },
};

async function buildFastCli() {
  const result = await build({
    entryPoints: ['electron/cli/entry.ts'],
    outfile: 'dist/cli.js',
    external: ['keytar'],
    ...node,
    banner: { js: '#!/usr/bin/env node' },
    plugins: [bakeSharedFacts, unusedBuiltinsDropped, fullCliBeside],
    metafile: true,
  });
  const heavy = Object.keys(result.metafile.inputs).filter((f) => /node_modules[\\/]zod[\\/]/.test(f) || /electron[\\/]shared[\\/]contract/.test(f));
  if (heavy.length) throw new Error(`dist/cli.js must not load zod or the contract's schemas, but imports ${heavy.slice(0, 3).join(', ')}: see docs/architecture.md, "Start-up"`);
}

const entries = [
  { entryPoints: ['electron/shell/main.ts'], outfile: 'dist/main.js', external: ['electron', 'keytar'], ...node },
  { entryPoints: ['electron/shell/preload.ts'], outfile: 'dist/preload.js', external: ['electron'], ...node, sourcemap: false, minify: true },
  { entryPoints: ['e2e/harness/server.ts'], outfile: 'dist/harness.js', external: ['keytar'], ...node },
  { entryPoints: ['e2e/harness/bridge.ts'], outfile: 'dist/harness-bridge.js', bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'warning' },
  { entryPoints: ['electron/cli/cli.ts'], outfile: 'dist/cli-full.js', external: ['keytar'], ...node, banner: { js: '#!/usr/bin/env node' } },
];

await Promise.all([...entries.map((e) => build(e)), buildFastCli()]);

// --- the window loads no zod (docs/architecture.md, "Start-up") ------------
// The window parses nothing (the main process's contract does), and evaluating zod took ~70 ms
// of its first paint. The facts it imports (services/*.ts, settings.ts) hold no schema; the
// build fails if its module graph reaches zod anyway, naming the modules that import it.
const zodInWindow = { modules: 0, importers: new Set() };
const windowGraph = {
  name: 'window-loads-no-zod',
  buildEnd() {
    for (const id of this.getModuleIds()) {
      if (!/node_modules[\\/]zod[\\/]/.test(id)) continue;
      zodInWindow.modules++;
      for (const by of this.getModuleInfo(id)?.importers ?? []) if (!/node_modules[\\/]/.test(by)) zodInWindow.importers.add(path.relative(root, by));
    }
  },
};
await viteBuild({ configFile: 'renderer/vite.config.mts', logLevel: 'warn', plugins: [windowGraph] });
if (zodInWindow.modules) {
  const who = [...zodInWindow.importers].slice(0, 3).join(', ') || 'a package it uses';
  throw new Error(`dist/renderer must not load zod, but ${who} imports it: see docs/architecture.md, "Start-up"`);
}

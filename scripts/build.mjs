// Builds everything into dist/: main, preload, harness and CLI bundles with esbuild, the
// renderer with Vite. The sandboxed preload must be a single file, hence bundling.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';

const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
const entries = [
  { entryPoints: ['electron/shell/main.ts'], outfile: 'dist/main.js', external: ['electron', 'keytar'], ...node },
  { entryPoints: ['electron/shell/preload.ts'], outfile: 'dist/preload.js', external: ['electron'], ...node, sourcemap: false, minify: true },
  { entryPoints: ['e2e/harness/server.ts'], outfile: 'dist/harness.js', external: ['keytar'], ...node },
  { entryPoints: ['e2e/harness/bridge.ts'], outfile: 'dist/harness-bridge.js', bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'warning' },
  { entryPoints: ['electron/cli/cli.ts'], outfile: 'dist/cli.js', external: ['keytar'], ...node, banner: { js: '#!/usr/bin/env node' } },
];

await Promise.all(entries.map((e) => build(e)));
await viteBuild({ configFile: 'renderer/vite.config.mts', logLevel: 'warn' });

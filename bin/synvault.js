#!/usr/bin/env node
// Launcher for `synvault` (npx synvault in a checkout, or the package's bin): the built CLI when
// present, otherwise the TypeScript source through tsx so a checkout works before a build.
const path = require('node:path');
const fs = require('node:fs');

const built = path.join(__dirname, '..', 'dist', 'cli.js');
let cli;
if (fs.existsSync(built)) cli = require(built);
else {
  require('tsx/cjs');
  cli = require(path.join(__dirname, '..', 'electron', 'cli', 'entry.ts'));
}
// The entry's streams are made on first use (a pipe's costs milliseconds to set up).
cli.runCli(process.argv.slice(2), cli.processIo).then((code) => process.exit(code));

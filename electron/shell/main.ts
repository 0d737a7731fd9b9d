// @process: main
// Electron's entry point (package.json "main" → dist/main.js). Deliberately thin: everything it
// does lives in app-lifecycle.ts, which the shell tests run against a stand-in electron module.
// `synvault --cli <command>` runs the command line instead of the window, so the installed app
// (whose RunAsNode fuse is off) still offers `synvault exec` and friends.
import * as electron from 'electron';
import { startApp } from './app-lifecycle';
import { processIo, runCli } from '../cli/cli';

const cliAt = process.argv.indexOf('--cli');
if (cliAt >= 0) {
  // processIo writes all of a long output before the exit (process.stdout's pipe writes could be cut off).
  void runCli(process.argv.slice(cliAt + 1), processIo).then((code) => electron.app.exit(code));
} else {
  startApp(electron, { env: process.env, distDir: __dirname });
}

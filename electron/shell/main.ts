// @process: main
// Electron's entry point (package.json "main" → dist/main.js). Deliberately thin: everything it
// does lives in app-lifecycle.ts, which the shell tests run against a stand-in electron module.
// `synvault --cli <command>` runs the command line instead of the window, so the installed app
// (whose RunAsNode fuse is off) still offers `synvault exec` and friends.
import * as electron from 'electron';
import { startApp } from './app-lifecycle';
import { runCli } from '../cli/cli';

const cliAt = process.argv.indexOf('--cli');
if (cliAt >= 0) {
  void runCli(process.argv.slice(cliAt + 1), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) =>
    electron.app.exit(code),
  );
} else {
  startApp(electron, { env: process.env, distDir: __dirname });
}

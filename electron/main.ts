// @process: main
// Electron's entry point (package.json "main" → dist/main.js). Deliberately thin: everything it
// does lives in app-lifecycle.ts, which the shell tests run against a stand-in electron module.
import * as electron from 'electron';
import { startApp } from './app-lifecycle';

startApp(electron, { env: process.env, distDir: __dirname });

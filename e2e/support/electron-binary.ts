// @process: test
// Where the Electron executable is, found the way node_modules/electron/index.js finds it but
// without loading that file: since Electron 42, requiring 'electron' from Node downloads the
// binary when it is missing — a network attempt, slow, and impossible on machines without
// internet. scripts/test.mjs follows the same rule.
import * as fs from 'node:fs';
import * as path from 'node:path';

const PLATFORM_PATHS: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  linux: 'electron',
  freebsd: 'electron',
  openbsd: 'electron',
  win32: 'electron.exe',
};

/** The executable, or a sentence saying why there is none. Reads files only; never downloads. */
export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): { path: string } | { reason: string } {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  if (!fs.existsSync(path.join(pkgDir, 'package.json'))) return { reason: 'Electron is not installed: node_modules/electron is missing (run `npm ci`)' };
  const pathTxt = path.join(pkgDir, 'path.txt');
  // path.txt is written when the binary is unpacked; before that, the platform's usual name.
  const relative = fs.existsSync(pathTxt) ? fs.readFileSync(pathTxt, 'utf8').trim() : PLATFORM_PATHS[process.platform];
  if (!relative) return { reason: `Electron has no build for ${process.platform}` };
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkgDir, 'dist');
  const executable = path.join(distDir, relative);
  if (fs.existsSync(executable)) return { path: executable };
  return {
    reason:
      `Electron binary not installed: ${path.relative(root, executable) || executable} is missing ` +
      '(Electron 42+ no longer downloads it at npm install; `npx install-electron --no` fetches it where its download host is reachable)',
  };
}

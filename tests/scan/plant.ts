// @process: test
// A planted home folder for Scan: tokens of each service in each kind of file a researcher pastes
// them into, decoys that have a token's shape but are not one, and everything Scan must skip.
// `expected` lists what a correct scan reports (relative path, line, service); `secrets` every
// value planted, so a test can prove none of them leaves the core.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { CANARIES, hexKey, makeSynapsePat } from '../helpers/core';
import { MAX_DEPTH, MAX_FILE_BYTES } from '../../electron/core/scan/rules';

export interface Planted {
  home: string;
  /** Outside the home folder: what links lead to; never reported. */
  outside: string;
  expected: Array<{ path: string; line: number; service: string; kind: string; where?: string }>;
  /** Every planted value, tokens and skipped ones alike. */
  secrets: string[];
  /** Named tokens for the action tests. */
  tokens: { configPat: string; backupPat: string; renvironPat: string; synap: string; apiKey: string; accountKey: string; notebookPat: string };
}

const write = (file: string, text: string | Buffer) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

const sha = () => randomBytes(20).toString('hex');
const synapPat = () => `p:${randomBytes(24).toString('base64url')}`;

export function plantHome(base: string): Planted {
  const home = path.join(base, 'home');
  const outside = path.join(base, 'outside');
  const expected: Planted['expected'] = [];
  const secrets: string[] = [];
  const expect = (p: string, line: number, service: string, kind: string, where?: string) => expected.push({ path: p, line, service, kind, ...(where ? { where } : {}) });

  const tokens = {
    configPat: makeSynapsePat({ jti: '9101' }),
    backupPat: CANARIES.synapse,
    renvironPat: makeSynapsePat({ jti: '9102' }),
    synap: CANARIES.synap,
    apiKey: CANARIES.syncanoApiKey,
    accountKey: CANARIES.syncanoAccountKey,
    notebookPat: makeSynapsePat({ jti: '9103' }),
  };
  const historyPat = makeSynapsePat({ jti: '9104' });
  const envSynap = synapPat();
  const envKey = hexKey('odd');
  const scriptKey = hexKey('even');
  const linkedPat = makeSynapsePat({ jti: '9105' });
  secrets.push(...Object.values(tokens), historyPat, envSynap, envKey, scriptKey, linkedPat);

  // .synapseConfig: the client reads [default]'s token; its backup (as the client's `synapse
  // config` names it) still holds an older one.
  write(path.join(home, '.synapseConfig'), `[default]\nusername = ada\nauthtoken = ${tokens.configPat}\n\n[endpoints]\nrepoEndpoint = https://repo-prod.prod.sagebase.org/repo/v1\n`);
  expect('.synapseConfig', 3, 'synapse', 'synapse-pat');
  write(path.join(home, '.synapseConfig.backup'), `[authentication]\nusername = ada\nauthtoken = ${tokens.backupPat}\n`);
  expect('.synapseConfig.backup', 3, 'synapse', 'synapse-pat');

  // .Renviron: all three services, as R users set them.
  write(path.join(home, '.Renviron'), `R_LIBS_USER=~/R/library\nSYNAPSE_AUTH_TOKEN=${tokens.renvironPat}\nSYNAP_TOKEN=${tokens.synap}\nSYNCANO_API_KEY=${tokens.apiKey}\n`);
  expect('.Renviron', 2, 'synapse', 'synapse-pat');
  expect('.Renviron', 3, 'synap', 'synap-pat');
  expect('.Renviron', 4, 'syncano', 'syncano-api-key');

  // Shell history: a token exported, an account key in a curl header; git SHAs around them.
  write(
    path.join(home, '.bash_history'),
    [
      'cd analysis',
      `git checkout ${sha()}`,
      `export SYNAPSE_AUTH_TOKEN=${historyPat}`,
      `git cherry-pick ${sha()}`,
      `curl -H "X-API-KEY: ${tokens.accountKey}" https://api.syncano.io/v1.1/account/`,
      `git log -1 ${sha()}`,
      'echo see p:12 for details',
    ].join('\n') + '\n',
  );
  expect('.bash_history', 3, 'synapse', 'synapse-pat');
  expect('.bash_history', 5, 'syncano', 'syncano-account-key');
  // zsh's extended history: a SHA next to a line that says syncano is still a SHA.
  write(path.join(home, '.zsh_history'), `: 1763000000:0;pip install syncano\n: 1763000001:0;git show ${sha()}\n`);

  // A project: .env, a script, a notebook whose output printed a token.
  write(path.join(home, 'projects', 'lab', '.env'), `# lab settings\nSYNAP_TOKEN=${envSynap}\nSYNCANO_API_KEY=${envKey}\n`);
  expect('projects/lab/.env', 2, 'synap', 'synap-pat');
  expect('projects/lab/.env', 3, 'syncano', 'syncano-api-key');
  write(
    path.join(home, 'projects', 'lab', 'sync.py'),
    `import syncano\n\nconnection = syncano.connect(\n    api_key="${scriptKey}",\n)\nprint("done")\n`,
  );
  expect('projects/lab/sync.py', 4, 'syncano', 'syncano-account-key');
  const notebook = {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Download\n', 'Uses the lab account.'] },
      {
        cell_type: 'code',
        execution_count: 1,
        metadata: {},
        source: ['import os, synapseclient\n', "syn = synapseclient.login(authToken=os.environ['SYNAPSE_AUTH_TOKEN'])\n", "print(os.environ['SYNAPSE_AUTH_TOKEN'])"],
        outputs: [
          { output_type: 'stream', name: 'stdout', text: ['Welcome, ada!\n', `${tokens.notebookPat}\n`] },
          { output_type: 'display_data', metadata: {}, data: { 'image/png': randomBytes(3000).toString('base64'), 'text/plain': ['<Figure>'] } },
        ],
      },
    ],
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  const nbText = JSON.stringify(notebook, null, 1);
  write(path.join(home, 'projects', 'lab', 'download.ipynb'), nbText);
  const nbLine = nbText.split('\n').findIndex((l) => l.includes(tokens.notebookPat)) + 1;
  expect('projects/lab/download.ipynb', nbLine, 'synapse', 'synapse-pat', 'cell 2, output');

  // A file link inside the tree is read under its own name (a dotfile manager's link).
  write(path.join(home, 'dotfiles', 'rprofile'), `Sys.setenv(SYNAPSE_AUTH_TOKEN = "${linkedPat}")\n`);
  fs.symlinkSync(path.join(home, 'dotfiles', 'rprofile'), path.join(home, '.Rprofile'));
  expect('.Rprofile', 1, 'synapse', 'synapse-pat');

  // Decoys: shaped like tokens, not tokens.
  const notPat = makeSynapsePat({ token_type: 'OIDC_ID_TOKEN' });
  write(path.join(home, 'projects', 'lab', 'oidc.yaml'), `id_token: ${notPat}\n`);
  write(path.join(home, 'projects', 'lab', 'report.Rmd'), `Results are significant (p:0.01, see p:fig2).\n`);
  write(path.join(home, 'projects', 'lab', 'package.json'), `{\n  "name": "lab",\n  "gitHead": "${sha()}"\n}\n`);
  write(path.join(home, 'projects', 'lab', 'build.sh'), `#!/bin/sh\n# pinned upstream\nREV=${sha()}\n`);
  secrets.push(notPat);

  // Skipped: each holds a real token that must not be reported.
  const skipped = makeSynapsePat({ jti: '9199' });
  secrets.push(skipped);
  const line = `SYNAPSE_AUTH_TOKEN=${skipped}\n`;
  write(path.join(home, 'projects', 'web', 'node_modules', 'pkg', '.env'), line);
  write(path.join(home, 'projects', 'lab', '.git', 'config'), line);
  write(path.join(home, 'projects', 'lab', '.git', 'hooks', 'x.sh'), line);
  write(path.join(home, '.cache', 'tool', 'settings.json'), line);
  write(path.join(home, 'projects', 'lab', '__pycache__', 'x.py'), line);
  write(path.join(home, 'projects', 'lab', '.venv', 'lib', 'site.py'), line);
  write(path.join(home, 'projects', 'lab', 'env3', 'pyvenv.cfg'), 'home = /usr/bin\n');
  write(path.join(home, 'projects', 'lab', 'env3', 'lib', 'site.py'), line);
  write(path.join(home, 'miniconda3', 'conda-meta', 'history'), '');
  write(path.join(home, 'miniconda3', 'envs', 'r', 'etc', 'settings.yaml'), line);
  write(path.join(home, 'projects', 'lab', 'data.json'), Buffer.concat([Buffer.from(line), Buffer.from([0, 1, 2, 3])]));
  write(path.join(home, 'projects', 'lab', 'big.json'), line + ' '.repeat(MAX_FILE_BYTES));
  let deep = path.join(home, 'deep');
  for (let i = 0; i < MAX_DEPTH; i++) deep = path.join(deep, `d${i}`);
  write(path.join(deep, '.env'), line);
  // Links out of the tree, to a folder, and in loops.
  write(path.join(outside, 'secret.env'), line);
  write(path.join(outside, 'folder', '.env'), line);
  fs.symlinkSync(path.join(outside, 'secret.env'), path.join(home, 'outside.env'));
  fs.symlinkSync(path.join(outside, 'folder'), path.join(home, 'outside-folder'));
  fs.symlinkSync(home, path.join(home, 'projects', 'loop'));
  fs.symlinkSync(path.join(home, 'b.env'), path.join(home, 'a.env'));
  fs.symlinkSync(path.join(home, 'a.env'), path.join(home, 'b.env'));
  fs.symlinkSync(path.join(home, 'gone.env-target'), path.join(home, 'gone.env'));

  return { home, outside, expected, secrets, tokens };
}

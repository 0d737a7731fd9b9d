// @process: core
// What Scan reads and what it leaves alone, by name, with the reason for each limit
// (docs/scan.md). Pure: the walker (walk.ts) applies these to what it finds on disk.

/** Files larger than this are not read. A token is pasted into a config, a script, a history or a
 * notebook — files of kilobytes; past a few megabytes a file is data (a table, a log, a model, a
 * notebook carrying images), where reading costs far more than the odds of a pasted token justify.
 * 5 MiB still takes a notebook with a few plots in its outputs. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** How many bytes from the start are checked for a NUL byte: a text file has none, nearly every
 * binary format has one early (the rule git and grep use; git looks at the first 8000). */
export const BINARY_SNIFF_BYTES = 8000;

/** Folders deeper than this below a starting folder are not entered. Projects nest a handful of
 * levels; anything far deeper is generated (build output, vendored trees) or a loop the loop
 * check has not caught (bind mounts). */
export const MAX_DEPTH = 24;

/** A scan stops after this long and says so (what it found so far is kept). 100,000 files take
 * about 15 s on a loaded 2-core machine (npm run bench), so a home folder of a million read
 * files fits with room to spare; this is a stop for a network mount that answers slowly, not a
 * budget. */
export const MAX_SCAN_MS = 10 * 60_000;

/** A stop on the number of directory entries one scan looks at, so a loop the checks miss (a
 * filesystem that reports no inode numbers) still ends. */
export const MAX_ENTRIES = 10_000_000;

/** Folders never entered below a starting folder: what they hold was written by tools, not pasted
 * by a person, and they are large (a dependency tree, a cache, an environment, version-control
 * internals). */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  // version control internals
  '.git', '.hg', '.svn', '.bzr',
  // dependencies
  'node_modules', 'bower_components', 'site-packages', 'dist-packages', '.npm', '.yarn', '.pnpm-store', '.cargo', '.rustup', '.gradle', '.m2',
  // caches
  '.cache', 'Caches', '__pycache__', '.pytest_cache', '.mypy_cache', '.ruff_cache',
  // virtual environments and environment managers
  '.venv', 'venv', '.virtualenvs', '.tox', '.nox', '.conda', '.pyenv', '.nvm', '.vscode-server', '.cursor-server',
]);

/** A folder holding one of these is an environment (virtualenv's pyvenv.cfg, a conda
 * environment's or installation's conda-meta), whatever its name: not entered. */
export const ENVIRONMENT_MARKERS: ReadonlySet<string> = new Set(['pyvenv.cfg', 'conda-meta']);

/** How a file is read: `.synapseConfig` and its backups are also parsed as the Synapse client
 * reads them (which section holds a token, so it can be taken out); a notebook's cells and
 * outputs are parsed out of its JSON; a shell or R history is lines of text each on its own (one
 * command is not the context of the next); everything else is lines of text. */
export type FileKind = 'synapse-config' | 'notebook' | 'history' | 'text';

/** Names read whatever their folder: the files the issue names, and the shell start-up files where
 * `export SYNAPSE_AUTH_TOKEN=…` is most often written. */
const NAMED = new Set([
  '.Renviron', '.Rprofile', '.Rhistory', '.radian_history',
  '.bash_history', '.zsh_history', '.sh_history', '.ksh_history', '.history', 'fish_history', '.python_history', '.psql_history',
  '.bashrc', '.bash_profile', '.bash_login', '.profile', '.zshrc', '.zshenv', '.zprofile', '.envrc',
  '.netrc', '_netrc',
]);

/** Extensions read (compared in lower case, so `.R` and `.r` alike). */
const EXTENSIONS = new Set(['ipynb', 'py', 'r', 'rmd', 'qmd', 'sh', 'bash', 'zsh', 'fish', 'json', 'yaml', 'yml', 'toml', 'cfg', 'ini', 'conf', 'env']);

/** `.synapseConfig`, its backups as the client's `synapse config` and Synvault name them
 * (`.backup`, `.backup2`, …), and any other copy named after it (`.synapseConfig.old`). */
const SYNAPSE_CONFIG = /^\.synapseConfig(\..+)?$/;

/** The kind of a file by its name, or null when Scan does not read it. */
export function fileKind(name: string): FileKind | null {
  if (SYNAPSE_CONFIG.test(name)) return 'synapse-config';
  if (NAMED.has(name)) return /history$/i.test(name) ? 'history' : 'text';
  if (name.startsWith('.env')) return 'text';
  const dot = name.lastIndexOf('.');
  if (dot === -1) return null;
  const ext = name.slice(dot + 1).toLowerCase();
  if (!EXTENSIONS.has(ext)) return null;
  return ext === 'ipynb' ? 'notebook' : 'text';
}

/** A file named by the person (`synvault scan FILE`) is read whatever its name. */
export function fileKindGiven(name: string): FileKind {
  return fileKind(name) ?? 'text';
}

/** A folder below a starting folder that is not entered, by its name. */
export const isSkippedFolder = (name: string): boolean => SKIPPED_FOLDERS.has(name);

/** A folder whose entries show it is an environment (see ENVIRONMENT_MARKERS). */
export const isEnvironment = (entries: readonly string[]): boolean => entries.some((e) => ENVIRONMENT_MARKERS.has(e));

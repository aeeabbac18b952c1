#!/usr/bin/env node
// Bootstrap in plain JavaScript: it runs on a fresh clone before any dependency is installed.
// It installs what is missing (npm packages; Debian's chromium and fonts when root), then hands over
// to the TypeScript CLI, compiled (compile.js).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const [command = 'help', ...args] = process.argv.slice(2);

const APT_PACKAGES = ['chromium', 'fonts-dejavu', 'fonts-liberation2', 'poppler-utils'];
// Where Debian's Chromium may be, in the order tried (one list with @kk/core chromium.ts). First the headless
// shell, the same Blink without the browser around it: it starts in a third of the time and prints the same PDF.
// Installed beside chromium when root; without it, chromium prints.
const CHROMIUM_PATHS = JSON.parse(
  readFileSync(join(root, 'packages', 'core', 'src', 'chromium-paths.json'), 'utf8'),
).candidates;
const HEADLESS_SHELL = CHROMIUM_PATHS[0];
const NEEDS_BROWSER = new Set(['report', 'test', 'bench', 'diff', 'preview']);

function run(cmd, cmdArgs, options = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', cwd: root, ...options });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

/** Runs npm ci when the installed packages are not those of the lock file; returns its exit status (0: ok). */
function ensureDependencies() {
  const lock = join(root, 'package-lock.json');
  const stamp = join(root, 'node_modules', '.kk-installed');
  const want = createHash('sha256').update(readFileSync(lock)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return 0;
  console.log('kk: installing npm dependencies (npm ci) …');
  let status;
  try {
    // --prefer-offline: a package already in npm's cache is taken from it without asking the registry whether
    // it changed (the lock file pins every version and its checksum): 20–25 s instead of 26–29 s on the 2-core
    // machine with a filled cache; an empty cache fetches as before.
    status = run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline']);
  } catch (err) {
    console.error(`kk: npm could not be started: ${err.message}`);
    return 1;
  }
  if (status !== 0) {
    console.error('kk: npm ci failed; see the messages above.');
    return status;
  }
  writeFileSync(stamp, want);
  return 0;
}

// Asked for once per installation of the dependencies: a machine where apt-get cannot install it is not asked again.
const SHELL_TRIED = join(root, 'node_modules', '.kk-headless-shell-tried');

function chromiumPath() {
  const candidates = [
    process.env.KK_CHROMIUM,
    process.env.PUPPETEER_EXECUTABLE_PATH,
    ...CHROMIUM_PATHS,
  ].filter(Boolean);
  return candidates.find((p) => existsSync(p));
}

function haveFonts() {
  return ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/truetype/liberation2'].every((d) =>
    existsSync(d),
  );
}

function havePdfTools() {
  return existsSync('/usr/bin/pdftotext');
}

/**
 * Runs an apt-get command line (as root), without its questions, beside what this process does meanwhile (npm
 * ci): resolves with its exit status.
 */
function apt(commandLine) {
  return new Promise((done) => {
    const child = spawn('sh', ['-c', commandLine], {
      stdio: 'inherit',
      cwd: root,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.on('error', () => done(1));
    child.on('close', (code) => done(code ?? 1));
  });
}

/**
 * Installs Debian's packages the command needs when they are missing. Its first await starts apt-get and
 * returns: the caller installs the npm packages meanwhile. What it writes into node_modules (SHELL_TRIED) it
 * writes after that await, once npm ci, which replaces node_modules, is done.
 */
async function ensureSystemPackages() {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (chromiumPath() && haveFonts() && havePdfTools()) {
    // Only the headless shell missing: installed when possible (once), else chromium prints.
    if (asRoot && !process.env.KK_CHROMIUM && !existsSync(HEADLESS_SHELL) && !existsSync(SHELL_TRIED)) {
      console.log('kk: installing chromium-headless-shell from Debian (it prints the report faster) …');
      await apt('apt-get update && apt-get install -y chromium-headless-shell');
      writeFileSync(SHELL_TRIED, '');
    }
    return;
  }
  const packages = [...APT_PACKAGES, 'chromium-headless-shell'];
  const install = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  if (asRoot) {
    console.log(`kk: installing Chromium, fonts and poppler-utils from Debian (${packages.join(', ')}) …`);
    let status = await apt(install);
    // A Debian without the headless shell (apt-get then installs nothing): the others alone.
    if (status !== 0) {
      writeFileSync(SHELL_TRIED, '');
      status = await apt(`apt-get install -y ${APT_PACKAGES.join(' ')}`);
    }
    if (status === 0 && chromiumPath()) return;
    console.error('kk: apt-get could not install the packages; see the messages above.');
    process.exit(status || 1);
  }
  console.error('kk: Chromium, the report fonts or poppler-utils are missing. Install them with:\n');
  console.error(`    sudo sh -c '${install}'\n`);
  console.error('or point KK_CHROMIUM at a Chromium binary.');
  process.exit(1);
}

if (command !== 'help') {
  // Debian's packages and npm's at the same time: on a fresh machine (CI) each takes about half a minute.
  const system = NEEDS_BROWSER.has(command) ? ensureSystemPackages() : undefined;
  const installed = ensureDependencies();
  // apt-get is never left running (holding dpkg's lock) when npm ci failed.
  await system;
  if (installed !== 0) process.exit(installed);
}
// Nothing the command starts from here on opens a TLS connection (vitest and its workers, the kk commands the
// tests run, Chromium, the preview's local server): a CA bundle named in NODE_EXTRA_CA_CERTS (machines behind a
// proxy set it for npm, which ran above with it) is parsed by every node process at its start, which took
// `node -e 0` from 33 to 94 ms on the 2-core machine. (turbo's tasks never had it: turbo passes on only the
// variables turbo.json lists.)
delete process.env.NODE_EXTRA_CA_CERTS;
const env = { ...process.env, KK_CHROMIUM: process.env.KK_CHROMIUM ?? chromiumPath() ?? '' };
// The command and the stages it runs start from JavaScript compiled once per state of the sources (compile.js):
// the TypeScript loader is paid once per edit, not once per stage. The benchmarks read the tests' TypeScript,
// so `bench` (and `help`, before anything is installed) run from source through tsx.
let status;
if (command === 'help' || command === 'bench') {
  status = run(
    process.execPath,
    ['--import', 'tsx', join(root, 'packages/cli/src/main.ts'), command, ...args],
    {
      env,
    },
  );
} else {
  const { compile } = await import('./compile.js');
  const compiled = await compile(root);
  // In this process: a second node would cost its start-up again on every command.
  Object.assign(process.env, env, { KK_COMPILED: compiled });
  const main = join(compiled, 'main.mjs');
  process.argv = [process.argv[0], main, command, ...args];
  await import(pathToFileURL(main).href);
}
if (status !== undefined) process.exit(status);

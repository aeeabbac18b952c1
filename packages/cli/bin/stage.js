#!/usr/bin/env node
// The `stage` script of every stage package (turbo runs it in the package's folder). Within a run of the kk
// command (KK_COMPILED names the compiled bundles, bin/compile.js) the stage is run by the kk command's stage host
// (KK_STAGE_HOST, src/stage-host.ts), which has the stages and DuckDB loaded already, and this process only
// passes its output on; when there is no host, or it has run another stage for longer than this task waits
// (WAIT_MS, src/stage-host.ts), the stage runs here, from its bundle in plain node; a host that goes away once it
// has the task fails the stage, also while the stage runs here. Run on its own, it starts from source through tsx,
// as before.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const name = basename(process.cwd());
const args = process.argv.slice(2);
const compiled = process.env.KK_COMPILED ? join(process.env.KK_COMPILED, `stage-${name}.mjs`) : '';
/** The connection to the host, while there is one. */
let connection;

/**
 * Asks the host to run the stage, writing what it prints as it prints it. Resolves to the stage's exit code, or to
 * undefined when the host says it is busy: then this process runs it, and `hostGone` stops it if the host ends
 * first. A host that is not there (nothing listening: the kk command that named it was killed while turbo started
 * this task) fails the task: the run it belonged to is over.
 */
function runInHost(path, hostGone) {
  return new Promise((resolve) => {
    const socket = connect(path);
    connection = socket;
    let buffer = '';
    let connected = false;
    let busy = false;
    let code;
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify({ stage: name, args })}\n`);
    });
    socket.on('data', (data) => {
      buffer += data;
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        const message = JSON.parse(buffer.slice(0, i));
        buffer = buffer.slice(i + 1);
        if (message.busy) {
          // Run here, with the connection kept open: the host holds it until the kk command ends.
          busy = true;
          resolve(undefined);
        }
        if (message.out !== undefined) process.stdout.write(message.out);
        if (message.err !== undefined) process.stderr.write(message.err);
        if (message.exit !== undefined) code = message.exit;
      }
    });
    // A host that took the task and is gone before the stage's end (the kk command killed, while this task waited
    // its turn or its stage ran) is a failed stage, not one to run here: the run it belonged to is over, and a
    // stage run here would write into its staging folder after it.
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      if (busy) return hostGone();
      if (!connected) {
        // The kk command starts its host before turbo and closes it after turbo: a task that finds none lost its
        // run. Run here, its stage would write into the staging folder after the run that owned it, while the
        // next run clears it (a killed run's tasks outlive it: turbo starts them in process groups of their own).
        process.stderr.write(`error: the kk command that started ${name} has ended; not run\n`);
        return resolve(1);
      }
      if (code === undefined)
        process.stderr.write(`error: the kk command's stage host ended before ${name} did\n`);
      resolve(code ?? 1);
    };
    socket.on('error', end);
    socket.on('close', end);
  });
}

if (compiled && existsSync(compiled)) {
  const host = process.env.KK_STAGE_HOST;
  // A stage this task runs because the host was busy, whose kk command then ended (killed, its run over): stopped
  // at once, as a task turbo stops. Left to run, it would write into the staging folder of a run that no longer
  // owns it while the next run clears it (turbo's tasks outlive a killed kk command, and the build lock counts
  // the kk command only).
  let done = false;
  const hostGone = () => {
    if (done) return;
    process.stderr.write(`error: the kk command ended while ${name} ran; stopped\n`);
    process.exit(1);
  };
  // KK_STAGE_HOST=0: no host (turbo passes the variable on as given).
  const code = host && host !== '0' ? await runInHost(host, hostGone) : undefined;
  if (code !== undefined) {
    process.exitCode = code;
  } else {
    const { stage, runStageCli } = await import(pathToFileURL(compiled).href);
    try {
      await runStageCli(stage, args);
    } finally {
      done = true;
      // The connection to a busy host, kept open while the stage ran, would keep this process alive.
      connection?.destroy();
    }
  }
} else {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}

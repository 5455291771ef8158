/**
 * Loaded with `--require` into every Node process of a server's tree under `jest --coverage`.
 * Node writes NODE_V8_COVERAGE's file at a normal exit only: a process ended by SIGTERM or SIGINT
 * (how a server that ignores a closed stdin, or an HTTP server, is stopped) would leave nothing.
 * A run-wide server also hands over what it ran so far on SIGUSR2: Jest writes its coverage
 * report before the global teardown stops the server. Nothing here changes what the server does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { COVERAGE_ON_SIGNAL_VAR } from '../channels/env';

const dir = process.env.NODE_V8_COVERAGE;

function take(): void {
  try {
    v8.takeCoverage();
  } catch {
    // Coverage is a by-product: never what breaks the server.
  }
}

if (dir) {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const onSignal = (): void => {
      take();
      // Alone, the listener would have swallowed the signal: the process ends as it would have.
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
  if (process.env[COVERAGE_ON_SIGNAL_VAR] === '1') {
    let taken = 0;
    try {
      fs.mkdirSync(dir, { recursive: true });
      // The reporter signals the processes that registered, never the others of the tree (a shell dies of SIGUSR2).
      fs.writeFileSync(path.join(dir, `pid-${process.pid}`), '');
      process.on('SIGUSR2', () => {
        take();
        fs.writeFileSync(path.join(dir, `taken-${process.pid}-${++taken}`), '');
      });
    } catch {
      // An unwritable directory: the reporter names the server as not covered.
    }
  }
}

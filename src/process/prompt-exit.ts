import { isMainThread } from 'node:worker_threads';
import { PROMPT_EXIT_VAR, WORKER_ID_VAR } from '../channels/env';

/**
 * A Jest worker whose event loop has emptied ends the natural way: Node then frees the whole
 * environment, every vm realm the worker ran and the SDK it loaded, before the process is gone.
 * Under load that took 400-600 ms in a jest-mcp worker, and Jest reports a worker still there
 * after 500 ms as "failed to exit gracefully". By then the worker has nothing left to do: once
 * the other `exit` listeners have run, it ends the way `process.exit()` does, without the
 * teardown. Only in a Jest child process: never in Jest's main process or a worker thread
 * (`JEST_MCP_PROMPT_EXIT=0` turns it off, for the benchmark that compares).
 */
let installed = false;

export function exitPromptlyWhenDone(): void {
  if (
    installed ||
    process.env[PROMPT_EXIT_VAR] === '0' ||
    !process.env[WORKER_ID_VAR] ||
    typeof process.send !== 'function' ||
    !isMainThread
  )
    return;
  installed = true;
  const onExit = (code: number) => {
    // Listeners added after this one would be skipped by process.exit(): run them first.
    const listeners = process.listeners('exit');
    for (const listener of listeners.slice(listeners.indexOf(onExit) + 1)) listener.call(process, code);
    process.exit(code);
  };
  process.on('exit', onExit);
}

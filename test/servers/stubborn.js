'use strict';
// A process that does not want to stop: it ignores SIGTERM, SIGINT, SIGHUP and the end of its
// stdin, so only SIGKILL ends it. What a server's helper process (a watcher, a sidecar) looks like
// to the code that must stop it.
// Usage: node stubborn.js <marker> [--detach-child]
//   --detach-child   also start a copy of itself in a new session (setsid), outside this
//                    process's group, as a daemon would, and exit only after it has started
// The marker on the command line is how tests find these processes.
const { spawn } = require('node:child_process');

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => {});
process.stdin.on('error', () => {});
setInterval(() => {}, 60_000);

if (process.argv.includes('--detach-child')) {
  const marker = process.argv[2];
  // detached: the child calls setsid(), leaving our process group and session.
  const child = spawn(process.execPath, [__filename, marker], { detached: true, stdio: 'ignore' });
  child.unref();
}

/**
 * Every environment variable that carries something from one place jest-mcp's code runs to
 * another (Jest's main process, its workers, the test realm, the processes jest-mcp starts),
 * defined once. Who sets each and who reads it: CONTRIBUTING.md, "Where code runs".
 */

/** Main process → workers: the servers of `mcp.servers` (JSON `{ pid, servers }`), set by the global setup before workers fork. */
export const SERVERS_ENV = 'JEST_MCP_SERVERS';
/** Main process → workers: the test authorization servers of `mcp.authServers` (URLs and the path of a 0600 key file, never a key), set by the global setup. */
export const AUTH_SERVERS_ENV = 'JEST_MCP_AUTH_SERVERS';
/** Main process → workers: `{ pid, socket }` of the token broker's Unix socket (in a 0700 directory); never a token. */
export const BROKER_ENV = 'JEST_MCP_AUTH_BROKER';
/** Main process → workers: `<pid> <directory>` where workers leave coverage records, set by the reporter before workers fork. */
export const COVERAGE_VAR = 'JEST_MCP_COVERAGE';
/** Worker → the test realm and the file's servers (`${JEST_MCP_TMPDIR}`): the file's own temporary directory. */
export const TMPDIR_VAR = 'JEST_MCP_TMPDIR';
/** Any jest-mcp process → every process it starts and their descendants: `<owner>.<n>`, how stop() and the reaper find them. */
export const TAG_VAR = 'JEST_MCP_PROCESS';
/** The user → workers: `0` keeps a worker from ending promptly after its last file. */
export const PROMPT_EXIT_VAR = 'JEST_MCP_PROMPT_EXIT';
/** The user → the test realm: `write` records the conformance suite's failures as the baseline. */
export const CONFORMANCE_BASELINE_VAR = 'JEST_MCP_CONFORMANCE_BASELINE';
/** The benchmark → workers: `0` awaits a file's last stdio server's exit instead of leaving it to the background (bench/ compares both). */
export const BACKGROUND_STOPS_VAR = 'JEST_MCP_BACKGROUND_STOPS';
/** Jest → workers: the worker's id; absent in Jest's main process. */
export const WORKER_ID_VAR = 'JEST_WORKER_ID';
/** Main process → workers and run-wide servers: `<pid> <directory>` where the servers jest-mcp starts leave their V8 coverage, set under `jest --coverage` when a reporter of jest-mcp takes it in. */
export const SERVER_COVERAGE_VAR = 'JEST_MCP_SERVER_COVERAGE';
/** Main process → a run-wide server's processes (read by the coverage preload): `1` makes each hand over its coverage on SIGUSR2. */
export const COVERAGE_ON_SIGNAL_VAR = 'JEST_MCP_COVERAGE_ON_SIGNAL';

'use strict';
// A stdio MCP server for the core e2e tests. Appends "<event> <tag> <pid> <ms>" to an events file
// (start, stdin-close, sigterm, exit) so tests can see from the server's side when it started and
// how and in which order it was stopped.
// Usage: node core-stdio.js <tag> <events file|-> [options] [marker]
//   --ignore-eof         keep running when stdin closes
//   --ignore-sigterm     note SIGTERM and keep running (only SIGKILL ends it)
//   --exit-delay MS      exit MS ms after stdin closes (a shutdown timer, as server-everything has)
//   --exit-at-start N    write a fatal error (and $CORE_SECRET, if set) to stderr and exit with N
//   --silent             read stdin but never answer (initialize hangs)
//   --stderr TEXT        write "TEXT from <tag>" to stderr at start and on each `shout`
// Tools: `whoami` -> JSON { tag, pid, cwd, argv, env: { name: value } for the names asked }.
const fs = require('node:fs');

const [tag, events, ...rest] = process.argv.slice(2);
const { flag, option } = require('./args').readArgs(rest);
const note = (what) => {
  if (events && events !== '-') fs.appendFileSync(events, `${what} ${tag} ${process.pid} ${Date.now()}\n`);
};

if (flag('--exit-at-start')) {
  note('start');
  const secret = process.env.CORE_SECRET ? ` (CORE_SECRET=${process.env.CORE_SECRET})` : '';
  process.stderr.write(`booting ${tag}\nfatal: CORE_DB_URL is not set, cannot start${secret}\n`);
  note('exit');
  process.exit(Number(option('--exit-at-start')));
}

note('start');
const stderrText = option('--stderr');
if (stderrText) process.stderr.write(`${stderrText} from ${tag}\n`);

let exited = false;
const exit = () => {
  if (exited) return;
  exited = true;
  note('exit');
  process.exit(0);
};
process.stdin.on('end', () => {
  note('stdin-close');
  if (flag('--ignore-eof')) return;
  const delay = Number(option('--exit-delay') ?? 0);
  if (delay) setTimeout(exit, delay);
  else exit();
});
process.on('SIGTERM', () => {
  note('sigterm');
  if (!flag('--ignore-sigterm')) exit();
});
if (flag('--ignore-eof')) setInterval(() => {}, 60_000);

if (flag('--silent')) {
  process.stdin.resume(); // reads every request, answers none
} else {
  const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
  const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
  const { z } = require('zod');
  const server = new McpServer({ name: `core-stdio-${tag}`, version: '1.0.0' });
  server.tool('whoami', { env: z.array(z.string()).optional() }, async ({ env = [] }) => ({
    content: [
      {
        type: 'text',
        text: JSON.stringify({
          tag,
          pid: process.pid,
          cwd: process.cwd(),
          argv: process.argv.slice(2),
          env: Object.fromEntries(env.map((name) => [name, process.env[name] ?? null])),
        }),
      },
    ],
  }));
  server.tool('shout', async () => {
    if (stderrText) process.stderr.write(`${stderrText} from ${tag} (shout)\n`);
    return { content: [{ type: 'text', text: 'shouted' }] };
  });
  server.connect(new StdioServerTransport());
}

'use strict';
/** What the bench scripts share: fixture projects under .tmp/, servers, ports, leftover processes, medians. */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..');

/** `<repo>/.tmp/node_modules/jest-mcp` → the repo: projects under .tmp/ resolve `preset: 'jest-mcp'` like an install. */
function linkPackage() {
  const link = path.join(REPO, '.tmp', 'node_modules', 'jest-mcp');
  fs.mkdirSync(path.dirname(link), { recursive: true });
  try {
    fs.symlinkSync(REPO, link, 'dir');
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Processes whose command line contains `marker` (Linux /proc), other than this one and `except`: "pid cmdline". */
function processesWith(marker, except = []) {
  const found = [];
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p) || Number(p) === process.pid || except.includes(Number(p))) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8');
      if (cmdline.includes(marker)) found.push(`${p} ${cmdline.split('\0').join(' ').trim()}`);
    } catch {
      // gone already
    }
  }
  return found;
}

/** The middle value; of an even count, the mean of the two middle ones. */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Starts `node <script> ...args`, a fixture server that prints "listening <port>" or "listening on
 * http://127.0.0.1:<port>/…" once it listens; resolves with the process, the port it printed and
 * its stdout so far (which keeps growing).
 */
function startServer(script, args, { stdin = 'ignore' } = {}) {
  const child = spawn(process.execPath, [script, ...args], { stdio: [stdin, 'pipe', 'inherit'] });
  const server = { child, port: 0, output: '' };
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      server.output += d;
      const port = /listening (?:on http:\/\/127\.0\.0\.1:)?(\d+)/.exec(server.output)?.[1];
      if (port && !server.port) {
        server.port = Number(port);
        resolve(server);
      }
    });
    child.once('exit', (code) => reject(new Error(`${path.basename(script)} exited with ${code} before listening`)));
  });
}

module.exports = { REPO, linkPackage, freePort, processesWith, median, startServer };

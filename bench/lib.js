'use strict';
/** What the bench scripts share: fixture projects under .tmp/, ports, leftover processes. */
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

module.exports = { REPO, linkPackage, freePort, processesWith };

import * as fs from 'node:fs';
import * as path from 'node:path';

/** Finding and ending the processes a test left behind, through Linux /proc. */

export interface ProcessInfo {
  pid: number;
  cmdline: string;
}

/** Every process but this one that `matches`; a process that ends while being read is skipped. */
function findProcesses(matches: (found: ProcessInfo) => boolean): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const candidate = { pid: Number(entry), cmdline: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ') };
      if (matches(candidate)) found.push(candidate);
    } catch {
      // gone already, or not ours to read
    }
  }
  return found;
}

/** Processes whose command line contains `marker`: the servers a project started with its marker in their args. */
export function processesWith(marker: string): ProcessInfo[] {
  return findProcesses(({ cmdline }) => cmdline.includes(marker));
}

/** Processes working in `dir` or below it: Jest, its workers, and servers started there, marker or not. */
export function processesIn(dir: string): ProcessInfo[] {
  return findProcesses(({ pid }) => {
    const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
    return cwd === dir || cwd.startsWith(dir + path.sep);
  });
}

/** SIGKILLs each of `processes` that is still there. */
export function killAll(processes: Array<{ pid: number }>): void {
  for (const { pid } of processes) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

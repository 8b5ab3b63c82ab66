import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system, every thread: main, libuv pool, GC helpers, SQLite) a process has used so
 * far, read by the kernel's account in /proc/<pid>/stat, so both servers are measured the same way
 * from outside and neither has to report on itself. Linux only; resolution one clock tick (10 ms).
 */
let ticksPerSec = 0;

export function processCpuMs(pid: number): number {
  if (!ticksPerSec) ticksPerSec = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after the last ')': state is field 3, utime 14, stime 15.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  return ((utime + stime) * 1000) / ticksPerSec;
}

import { execSync } from 'node:child_process';
import os from 'node:os';

export interface Machine { cpu: string; cores: number; memGiB: number; node: string; os: string; openFiles: string }

export function describeMachine(): Machine {
  const cpus = os.cpus();
  let openFiles = '?';
  try {
    openFiles = execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim();
  } catch {
    /* not a POSIX shell */
  }
  return {
    cpu: `${cpus[0]?.model ?? 'unknown'}${cpus[0]?.speed ? ` @ ${cpus[0].speed} MHz` : ''}`,
    cores: cpus.length,
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    openFiles,
  };
}

import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Every child the benchmark starts is tracked here and ended on exit, error or SIGINT, so a failed
 * run never leaves servers or generators behind.
 */
const live = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

const TSX = ['--import', 'tsx'];

/** Starts a generator (TypeScript) with an IPC channel. */
export function forkTs(file: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return track(fork(file, args, { execArgv: TSX, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
}

/** Starts a server in its own process (TypeScript through tsx, or plain .mjs); node flags (e.g. --cpu-prof) go first. */
export function spawnServer(file: string, args: string[], env: NodeJS.ProcessEnv, nodeFlags: string[] = [], quiet = true): ChildProcess {
  const loader = file.endsWith('.ts') ? TSX : [];
  return track(
    spawn(process.execPath, [...nodeFlags, ...loader, file, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    }),
  );
}

/** SIGTERM, then SIGKILL after graceMs. Resolves when the child is gone. */
export function stop(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function killAll() {
  for (const c of live) c.kill('SIGKILL');
}

process.once('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    killAll();
    process.exit(130);
  });
}

/** A port free right now on loopback (servers get it explicitly so their own origin is known up front). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Polls url until it answers 2xx, the child dies, or timeoutMs passes. */
export async function waitHttp(url: string, child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before ${url} answered`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Resident set size of a process in bytes (Linux /proc). */
export async function rssOf(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) * 1024 : NaN;
}

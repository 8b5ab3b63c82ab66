import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childEnv, freePort } from '../test-process.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/**
 * One Parley process (`node --import tsx server/main.ts`, as `npm start` runs it) that a test can
 * kill -9 and start again on the same port, the way a crash and a restart by systemd look to clients.
 */
export interface ChildNode {
  url: string;
  readonly alive: boolean;
  /** SIGKILL: no close frames, no flush; whatever was not committed is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port; resolves once /healthz answers. */
  start(): Promise<void>;
  output(): string;
}

export async function startChildNode(env: Record<string, string>): Promise<ChildNode> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let out = '';
  const start = async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: REPO,
      env: childEnv({ PARLEY_PORT: String(port), PARLEY_HOST: '127.0.0.1', PARLEY_PUBLIC_URL: url, PARLEY_DEMO: '0', PARLEY_LOG_LEVEL: 'warn', ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    // A test process that dies must not leave servers behind.
    const orphaned = () => proc.kill('SIGKILL');
    process.once('exit', orphaned);
    proc.once('exit', () => process.off('exit', orphaned));
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<never>((_, reject) => proc.once('exit', (code, sig) => reject(new Error(`Parley exited (${code ?? sig}) while starting:\n${out}`))));
    exited.catch(() => {});
    await Promise.race([healthy(url), exited]);
  };
  await start();
  return {
    url,
    get alive() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    async kill() {
      const proc = child;
      child = null;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGKILL');
      await gone;
    },
    start,
    output: () => out,
  };
}

async function healthy(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url} did not become healthy`);
    await new Promise((r) => setTimeout(r, 25)); // between connection attempts, not a wait for a result
  }
}


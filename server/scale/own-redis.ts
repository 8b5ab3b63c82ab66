import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '../test-process.ts';

/**
 * A redis-server of the test's own, on a free port, that the test may kill -9 and start again
 * (empty: no RDB, no AOF, as a Redis restarted without persistence comes back). The shared Redis on
 * 6379 is never touched.
 */
export async function startOwnRedis(): Promise<{ url: string; port: number; kill(): Promise<void>; start(): Promise<void>; stop(): Promise<void> }> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    if (child && child.exitCode === null) return;
    const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    child = c;
    // A test process that dies (a timeout, a failed hook) must not leave its redis-server behind.
    const orphaned = () => c.kill('SIGKILL');
    process.once('exit', orphaned);
    c.once('exit', () => process.off('exit', orphaned));
    await untilAnswers(port, c);
  };
  const kill = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, kill, start, stop: kill };
}

async function untilAnswers(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server on ${port} exited with ${child.exitCode}`);
    const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    r.on('error', () => {});
    try {
      await r.connect();
      if ((await r.ping()) === 'PONG') return;
    } catch {
      // Not listening yet: wait for the next try (a short pause between connection attempts).
      await new Promise((res) => setTimeout(res, 20));
    } finally {
      r.disconnect();
    }
  }
}


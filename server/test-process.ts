// Child server processes for tests that start Parley the way an operator does (npm start, node dist/server/main.js).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A child's environment: not NODE_TEST_CONTEXT (it would report to this test runner) nor any PARLEY_ setting of the shell. */
export function childEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PARLEY_') && k !== 'NODE_TEST_CONTEXT') env[k] = v;
  return { ...env, ...extra };
}

export interface RunningServer {
  /** Everything it printed so far (stdout and stderr). */
  out(): string;
  /** The URL from the banner. */
  url: string;
  /** SIGTERM, then resolves with the exit code and how long the exit took. */
  stop(): Promise<{ code: number | null; ms: number }>;
}

/** Starts a server process and resolves once its banner is complete (`ready` says when). */
export function startServer(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; ready: (out: string) => boolean; timeoutMs?: number }): Promise<RunningServer> {
  const child = spawn(cmd, args, { cwd: opts.cwd, env: childEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner in time:\n${out}`)), opts.timeoutMs ?? 90_000);
    const check = () => {
      const url = /Parley is running at (\S+)/.exec(out)?.[1];
      if (!url || !opts.ready(out)) return;
      clearTimeout(timer);
      resolve({
        out: () => out,
        url: url.replace('//localhost:', '//127.0.0.1:'),
        stop: async () => {
          const started = performance.now();
          child.kill('SIGTERM');
          const code = await exited;
          return { code, ms: performance.now() - started };
        },
      });
    };
    child.stdout.on('data', (d) => ((out += d), check()));
    child.stderr.on('data', (d) => ((out += d), check()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} while starting:\n${out}`));
    });
  });
}

/** A port free right now on loopback, for a child that must be started (and restarted) on a known port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

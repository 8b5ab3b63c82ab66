import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, spawnServer, stop, waitHttp } from '../lib/children.ts';
import { compiled } from './compile.ts';
import type { RunningTarget, StartOptions } from './types.ts';

const SERVER = fileURLToPath(new URL('../baselines/socketio/server.ts', import.meta.url));

export async function startSocketio(opts: StartOptions): Promise<RunningTarget> {
  const port = await freePort();
  const flags = [...(opts.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', opts.cpuProfDir] : []), ...(opts.nodeFlags ?? [])];
  const child = spawnServer(opts.tsx ? SERVER : await compiled(SERVER, 'socketio-server'), ['--port', String(port), '--db', join(opts.dir, 'baseline.db')], {}, flags);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitHttp(`${baseUrl}/healthz`, child);
  return { info: { kind: 'socketio', baseUrl }, child, stop: () => stop(child) };
}

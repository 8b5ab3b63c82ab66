import type { Server } from 'node:net';
import { ConfigError } from '../config/settings.ts';

/**
 * server.listen as a promise. A port that is taken or not ours to bind is the operator's to fix, so it
 * fails with one sentence naming the setting (a ConfigError), not an unhandled 'error' event.
 */
export function listen(server: Server, o: { port: number; host: string; backlog?: number; setting: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') reject(new ConfigError(`${o.setting}: port ${o.port} on ${o.host} is already in use (another Parley, or another program); stop that or choose another port.`));
      else if (err.code === 'EACCES') reject(new ConfigError(`${o.setting}: this process may not listen on port ${o.port} on ${o.host} (ports below 1024 need privileges); choose a port above 1023 and put a proxy in front.`));
      else if (err.code === 'EADDRNOTAVAIL') reject(new ConfigError(`${o.setting}: ${o.host} is not an address of this machine (PARLEY_HOST).`));
      else reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as { port: number }).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port: o.port, host: o.host, ...(o.backlog ? { backlog: o.backlog } : {}) });
  });
}

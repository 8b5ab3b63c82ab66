import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { useEmailWorld } from '../testing/email-world.ts';

/** PARLEY_SMTP_INBOUND_MAX_CLIENTS: connections past it are told to try later (421), the held ones carry on. */
describe('inbound SMTP connection limit', () => {
  const w = useEmailWorld({ inboundMaxClients: 1 });

  const greeting = (port: number) =>
    new Promise<{ socket: Socket; line: string }>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('error', reject);
      socket.once('data', (d) => resolve({ socket, line: d.toString('utf8') }));
    });

  it('the second of two connections gets 421 while the first is served', async () => {
    const port = w.ts.server.email.inboundPort!;
    const first = await greeting(port);
    assert.match(first.line, /^220 /);
    const second = await greeting(port);
    assert.match(second.line, /^421 .*Too many connected clients/);
    first.socket.write('NOOP\r\n');
    const noop = await new Promise<string>((r) => first.socket.once('data', (d) => r(d.toString('utf8'))));
    assert.match(noop, /^250 /, 'the first connection still works');
    first.socket.destroy();
    second.socket.destroy();
  });
});

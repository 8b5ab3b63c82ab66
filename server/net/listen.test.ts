import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { listen } from './listen.ts';

test('a taken port is one sentence naming the setting, and the server can try again', async () => {
  const holder = createServer();
  const port = await listen(holder, { port: 0, host: '127.0.0.1', setting: 'PARLEY_PORT' });
  const second = createServer();
  try {
    await assert.rejects(listen(second, { port, host: '127.0.0.1', setting: 'PARLEY_EXAMPLES_PORT' }), {
      name: 'ConfigError',
      message: `PARLEY_EXAMPLES_PORT: port ${port} on 127.0.0.1 is already in use (another Parley, or another program); stop that or choose another port.`,
    });
    assert.ok((await listen(second, { port: 0, host: '127.0.0.1', setting: 'PARLEY_EXAMPLES_PORT' })) > 0, 'no listener left behind');
  } finally {
    holder.close();
    second.close();
  }
});

test('an address that is not this machine\'s is named', async () => {
  const server = createServer();
  await assert.rejects(listen(server, { port: 0, host: '192.0.2.1', setting: 'PARLEY_PORT' }), /PARLEY_PORT: 192\.0\.2\.1 is not an address of this machine/);
});

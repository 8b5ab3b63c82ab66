import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import WebSocket from 'ws';
import { socketioAdapter } from '../../adapters/socketio.ts';
import { startSocketio } from '../../targets/socketio.ts';

const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

test('baseline delivers a customer message to staff and a staff reply to the customer only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-test-'));
  const t = await startSocketio({ dir });
  try {
    const a = socketioAdapter(t.info);
    const staffGot: string[] = [];
    const aliceGot: string[] = [];
    const bobGot: string[] = [];
    const staff = await a.staff(0, {}, (x) => staffGot.push(x));
    const alice = await a.visitor(1, {}, (x) => aliceGot.push(x));
    const bob = await a.visitor(2, {}, (x) => bobGot.push(x));
    alice.send('hi from alice');
    await until(() => staffGot.includes('hi from alice') && aliceGot.includes('hi from alice'));
    staff.send(alice.address, 'reply to alice');
    await until(() => aliceGot.includes('reply to alice'));
    assert.deepEqual(bobGot, []);
    for (const c of [staff, alice, bob]) c.close();
  } finally {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('baseline refuses a socket without a valid token', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-test-'));
  const t = await startSocketio({ dir });
  try {
    // A forged token: right shape, wrong key.
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IngiLCJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJl';
    const ws = new WebSocket(`${t.info.baseUrl.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const answer = await new Promise<string>((resolve) => {
      ws.on('message', (m) => {
        const s = m.toString();
        if (s.startsWith('0')) ws.send(`40${JSON.stringify({ token: forged })}`);
        else resolve(s);
      });
    });
    assert.match(answer, /^44/);
    ws.close();
  } finally {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

import { int, ms, ratio, table } from '../lib/format.ts';
import { CPU_MS } from '../scenarios/cpu.ts';
import { STAFF, STAFF_EVERY, VISITORS } from '../scenarios/latency.ts';
import type { BenchResults } from './results.ts';

const us = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(1));

/** Server CPU per delivered message, both targets at the same fixed rate. */
export function cpuSection(r: BenchResults): string {
  const C = r.cpu;
  if (!C) return '';
  const p = C.parley;
  const s = C.socketio;
  const row = (label: string, f: (c: NonNullable<typeof p>) => string) => [label, p ? f(p) : '–', s ? f(s) : '–'];
  return `## Server CPU per message

The latency scenario's load (${VISITORS} visitors, ${STAFF} staff, one message in ${STAFF_EVERY} a staff reply) at one fixed rate,
${int(CPU_MS / 1000)} s after a 2 s unmeasured phase; the server process's user + system CPU (all its threads, from
/proc/<pid>/stat, the same way for both) over the measured phase and its drain, divided by the messages sent (all of
them delivered when lost is 0) and by the copies delivered. On a busy machine the figure falls (a server waiting for a
core commits and writes more messages at once), so compare the two servers within one run on an idle machine.

${table(['', 'Parley', 'Socket.IO', 'Parley ÷ Socket.IO'], [
  [...row('rate (msg/s)', (c) => int(c.rate)), ''],
  [...row('server CPU (ms) / wall (ms)', (c) => `${int(c.cpuMs)} / ${int(c.wallMs)}`), ''],
  [...row('messages sent / copies delivered', (c) => `${int(c.step.sent)} / ${int(c.step.expected)}`), ''],
  [...row('**µs per message**', (c) => `**${us(c.usPerMessage)}**`), ratio(p?.usPerMessage, s?.usPerMessage)],
  [...row('µs per delivered copy', (c) => us(c.usPerDelivery)), ratio(p?.usPerDelivery, s?.usPerDelivery)],
  [...row('lost / duplicated', (c) => `${int(c.step.lost)} / ${int(c.step.duplicated)}`), ''],
  [...row('v→s / s→v p99 (ms)', (c) => `${ms(c.step.visitorToStaff.p99)} / ${ms(c.step.staffToVisitor.p99)}`), ''],
  [...row('load average before → after', (c) => `${c.load[0]} → ${c.load[1]}`), ''],
])}
`;
}

import { Samples } from './stats.ts';

/**
 * Who must receive which message, and how many times each did. A message k has `slots` intended
 * receivers (visitor -> every staff connection; staff -> the one visitor it was addressed to).
 * A receipt is counted once per (message, receiver); the first one records the latency.
 */
export class DeliveryLedger {
  private counts = new Uint8Array(0);
  private slotsOf = new Uint8Array(0);
  readonly latency = new Samples();
  sent = 0;

  /** Message k was sent and must reach `slots` receivers (at most 255). */
  expect(k: number, slots: number) {
    this.grow(k + 1);
    this.slotsOf[k] = slots;
    this.sent = Math.max(this.sent, k + 1);
  }

  /** Receiver `slot` got message k; returns true when it was the first copy for that receiver. */
  receive(k: number, slot: number, latencyMs: number, measured: boolean): boolean {
    if (k >= this.sent || slot >= this.slotsOf[k]) return false;
    const i = k * 8 + slot;
    const c = this.counts[i];
    if (c < 255) this.counts[i] = c + 1;
    if (c === 0 && measured) this.latency.push(latencyMs);
    return c === 0;
  }

  /** Expected receipts still missing. */
  missing(): number {
    let m = 0;
    for (let k = 0; k < this.sent; k++) for (let s = 0; s < this.slotsOf[k]; s++) if (this.counts[k * 8 + s] === 0) m++;
    return m;
  }

  duplicates(): number {
    let d = 0;
    for (let k = 0; k < this.sent; k++) for (let s = 0; s < this.slotsOf[k]; s++) if (this.counts[k * 8 + s] > 1) d += this.counts[k * 8 + s] - 1;
    return d;
  }

  expected(): number {
    let e = 0;
    for (let k = 0; k < this.sent; k++) e += this.slotsOf[k];
    return e;
  }

  private grow(n: number) {
    if (n <= this.slotsOf.length) return;
    const size = Math.max(n, this.slotsOf.length * 2, 1024);
    const slots = new Uint8Array(size);
    slots.set(this.slotsOf);
    const counts = new Uint8Array(size * 8);
    counts.set(this.counts);
    this.slotsOf = slots;
    this.counts = counts;
  }
}

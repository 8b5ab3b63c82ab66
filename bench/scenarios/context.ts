import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startParley, type ParleyStartOptions } from '../targets/parley.ts';
import { startSocketio } from '../targets/socketio.ts';
import type { RunningTarget } from '../targets/types.ts';

export type TargetKind = 'parley' | 'socketio';

export interface RunContext {
  quick: boolean;
  targets: TargetKind[];
  log(msg: string): void;
  /** "scenario (target)" -> error, for runs that failed; the report lists them. */
  failures: Record<string, string>;
}

/** Runs fn for each target; one that throws is recorded in ctx.failures and the others still run. */
export async function eachTarget<T>(ctx: RunContext, scenario: string, fn: (kind: TargetKind) => Promise<T>): Promise<Partial<Record<TargetKind, T>>> {
  const out: Partial<Record<TargetKind, T>> = {};
  for (const kind of ctx.targets) {
    try {
      out[kind] = await fn(kind);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      ctx.failures[`${scenario} (${kind})`] = msg;
      ctx.log(`${scenario} ${kind}: FAILED ${msg}`);
    }
  }
  return out;
}

/**
 * Starts a fresh server of `kind` in a scratch folder, runs fn, and always stops the server and
 * removes the folder afterwards.
 */
export async function withTarget<T>(
  kind: TargetKind,
  fn: (t: RunningTarget) => Promise<T>,
  opts: Omit<ParleyStartOptions, 'dir'> = {},
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `bench-${kind}-`));
  let target: RunningTarget | null = null;
  try {
    target = kind === 'parley' ? await startParley({ ...opts, dir }) : await startSocketio({ ...opts, dir });
    return await fn(target);
  } finally {
    await target?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

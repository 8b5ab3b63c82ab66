import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PhaseResult } from '../gen/chat-load.ts';
import { forkTs, stop } from '../lib/children.ts';
import { call } from '../lib/ipc.ts';
import { mainThreadProfile, summarizeProfile, type ProfileSummary } from '../lib/profile.ts';
import { eachTarget, withTarget, type RunContext, type TargetKind } from './context.ts';
import { STAFF, STAFF_EVERY, VISITORS } from './latency.ts';

/**
 * Where the server's CPU goes under load: the same chat load at a rate above what it sustains,
 * with the server under `node --cpu-prof`; the profile is written when the server exits.
 */
export interface ProfileResult {
  rate: number;
  step: PhaseResult;
  summary: ProfileSummary | null;
  /** Where the raw .cpuprofile was copied (bench/.out/<target>.cpuprofile). */
  kept: string | null;
}

export async function runProfile(ctx: RunContext, rateOf: (k: TargetKind) => number): Promise<Partial<Record<TargetKind, ProfileResult>>> {
  return eachTarget(ctx, 'profile', async (kind) => {
    const cpuProfDir = mkdtempSync(join(tmpdir(), `bench-prof-${kind}-`));
    const rate = rateOf(kind);
    const step = await withTarget(
      kind,
      async (t) => {
        const gen = forkTs(new URL('../gen/chat-load.ts', import.meta.url).pathname);
        try {
          await call(gen, 'setup', { target: t.info, visitors: VISITORS, staff: STAFF });
          const r = await call<PhaseResult>(gen, 'phase', { phase: 1, rate, durationMs: ctx.quick ? 2_000 : 8_000, warmupMs: 500, staffEvery: STAFF_EVERY, drainMs: 5_000 });
          await call(gen, 'close');
          return r;
        } finally {
          await stop(gen, 1000);
        }
      },
      { cpuProfDir },
    );
    const file = mainThreadProfile(cpuProfDir);
    ctx.log(`profile ${kind} at ${rate}/s: ${file ?? 'no profile written (server did not exit cleanly)'}`);
    const result: ProfileResult = { rate, step, summary: file ? summarizeProfile(file) : null, kept: null };
    if (file) {
      // Kept for a flame graph (Chrome DevTools > Performance, or speedscope); bench/.out is git-ignored.
      result.kept = fileURLToPath(new URL(`../.out/${kind}.cpuprofile`, import.meta.url));
      mkdirSync(dirname(result.kept), { recursive: true });
      copyFileSync(file, result.kept);
    }
    rmSync(cpuProfDir, { recursive: true, force: true });
    return result;
  });
}

import { readFile, writeFile } from 'node:fs/promises';
import { rssOf } from '../lib/children.ts';
import type { RunContext } from './context.ts';
import { withTarget } from './context.ts';

/**
 * Server memory while 10 MiB uploads arrive (issue 17: each took 32-35 MiB of RSS when the body was
 * buffered, eight at once took RSS from 211 to 471 MiB). The kernel's peak-RSS mark (VmHWM) is reset
 * after a warm-up upload, then uploads run one at a time and eight at once (eight visitors: the
 * per-visitor cap is two); memory per upload = (peak RSS − RSS before) ÷ uploads at once, and the
 * marginal cost, (peak with 8 − peak with 1) ÷ 7: the first upload's figure also holds the young
 * generation's growth (V8 collects the request's 64 KiB chunks in batches), which later ones share.
 */
export interface UploadResult {
  fileBytes: number;
  baseRssBytes: number;
  steps: { concurrent: number; peakRssBytes: number; perUploadBytes: number; ms: number }[];
  /** (peak RSS growth with 8 at once − with 1) ÷ 7. */
  marginalBytes: number;
}

const FILE_BYTES = 10 * 1024 * 1024;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function peakRss(pid: number): Promise<number> {
  const m = /VmHWM:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}
/** Writing 5 to clear_refs resets VmHWM to the current RSS (Linux). */
const resetPeak = (pid: number) => writeFile(`/proc/${pid}/clear_refs`, '5');

export async function runUpload(ctx: RunContext): Promise<UploadResult> {
  return withTarget('parley', async (t) => {
    const pid = t.child.pid!;
    const { baseUrl, siteKey, siteOrigin } = t.info;
    const visitor = async () => {
      const res = await fetch(`${baseUrl}/api/v1/visitor/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: siteOrigin ?? '' }, body: JSON.stringify({ siteKey }) });
      return ((await res.json()) as { visitorToken: string }).visitorToken;
    };
    const bytes = new Uint8Array(FILE_BYTES).fill(7);
    bytes.set(PNG);
    const file = new Blob([bytes], { type: 'image/png' });
    const upload = async (token: string) => {
      const form = new FormData();
      form.set('file', file, 'big.png');
      const res = await fetch(`${baseUrl}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}`, origin: siteOrigin ?? '' }, body: form });
      if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    };
    const tokens = await Promise.all(Array.from({ length: 9 }, visitor));
    await upload(tokens[8]); // warm-up: code paths compiled, buffers allocated once
    const result: UploadResult = { fileBytes: FILE_BYTES, baseRssBytes: await rssOf(pid), steps: [], marginalBytes: NaN };
    const growth: number[] = [];
    for (const concurrent of [1, 8]) {
      const before = await rssOf(pid);
      await resetPeak(pid);
      const started = performance.now();
      await Promise.all(tokens.slice(0, concurrent).map(upload));
      const ms = performance.now() - started;
      const peak = await peakRss(pid);
      growth.push(Math.max(0, peak - before));
      const step = { concurrent, peakRssBytes: peak, perUploadBytes: Math.max(0, peak - before) / concurrent, ms };
      result.steps.push(step);
      ctx.log(`upload: ${concurrent} × 10 MiB at once: RSS ${(before / 2 ** 20).toFixed(0)} -> peak ${(peak / 2 ** 20).toFixed(0)} MiB, ${(step.perUploadBytes / 2 ** 20).toFixed(2)} MiB per upload, ${ms.toFixed(0)} ms`);
    }
    result.marginalBytes = Math.max(0, growth[1] - growth[0]) / 7;
    ctx.log(`upload: marginal ${(result.marginalBytes / 2 ** 20).toFixed(2)} MiB per upload`);
    return result;
  });
}

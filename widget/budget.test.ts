import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';

/**
 * Builds the widget for real (widget/rollup.parts.mjs, into a temp dir so a running server's
 * dist/ is untouched) and enforces the weight budgets from the issue.
 */
const LOADER_BUDGET = 3072; // widget.js, gzipped
const TOTAL_BUDGET = 25600; // widget.js + ui.js, gzipped

test('widget bundles stay within their gzip budgets', { timeout: 120_000 }, async () => {
  const parts = (await import('./rollup.parts.mjs')).default as RollupOptions[];
  const dir = await mkdtemp(join(tmpdir(), 'parley-budget-'));
  try {
    const sizes: Record<string, number> = {};
    for (const part of parts) {
      const out = part.output as OutputOptions;
      const name = out.file!.split('/').pop()!;
      const bundle = await rollup({ ...part, onwarn: () => {} });
      await bundle.write({ ...out, file: join(dir, name) });
      await bundle.close();
      const code = await readFile(join(dir, name));
      sizes[name] = gzipSync(code, { level: 9 }).length;
    }
    const loader = sizes['widget.js'];
    const total = loader + sizes['ui.js'];
    console.log(
      `widget sizes (gzip): loader widget.js ${loader} B (budget ${LOADER_BUDGET}), ui.js ${sizes['ui.js']} B, ` +
        `loader+ui ${total} B (budget ${TOTAL_BUDGET}), parley.esm.js ${sizes['parley.esm.js']} B`,
    );
    assert.ok(loader > 500 && sizes['ui.js'] > 5000, 'the build produced real bundles');
    assert.ok(loader <= LOADER_BUDGET, `widget.js is ${loader} B gzipped, over the ${LOADER_BUDGET} B budget`);
    assert.ok(total <= TOTAL_BUDGET, `widget.js + ui.js are ${total} B gzipped, over the ${TOTAL_BUDGET} B budget`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { rollup, type OutputChunk, type OutputOptions } from 'rollup';

/**
 * Builds the widget for real (widget/rollup.parts.mjs, into a temp dir so a running server's dist/ is
 * untouched) and enforces the weight budgets on every chunk the build writes, however many there are:
 *   the loader (widget.js)                                       <= 3 KB gzipped
 *   first open: the loader + the UI entry + what it imports statically
 *               + the heaviest string catalogue (each locale is a chunk)   <= 25 KB gzipped
 *   every chunk on its own (lazy parts, locales, parley.esm.js)      <= 40 KB gzipped
 *   the ESM build's first open: parley.esm.js + what it imports statically + the heaviest
 *               catalogue (its lazy parts and locales are chunks, as in the script build)   <= 25 KB gzipped
 *   everything one visitor can load, per build: the loader (script build) + every chunk reachable by
 *               import or import(), of the languages only the heaviest one (its catalogue and its
 *               lazy parts' strings)                                              <= 40 KB gzipped
 * Each file is gzipped on its own, as a browser downloads it.
 */
const LOADER_BUDGET = 3 * 1024;
const FIRST_OPEN_BUDGET = 25 * 1024;
const CHUNK_BUDGET = 40 * 1024;
const TOTAL_BUDGET = 40 * 1024;

test('every widget chunk stays within its gzip budget', { timeout: 120_000 }, async () => {
  const { widgetParts } = await import('./rollup.parts.mjs');
  const dir = await mkdtemp(join(tmpdir(), 'parley-budget-'));
  try {
    const chunks = new Map<string, OutputChunk>();
    /** Each part's own chunk graph: two parts may write a chunk of the same content (and name). */
    const graphs: Map<string, OutputChunk>[] = [];
    for (const part of widgetParts(dir)) {
      const bundle = await rollup({ ...part, onwarn: () => {} });
      const graph = new Map<string, OutputChunk>();
      for (const out of [part.output as OutputOptions].flat()) {
        for (const item of (await bundle.write(out)).output) if (item.type === 'chunk') chunks.set(item.fileName, item), graph.set(item.fileName, item);
      }
      graphs.push(graph);
      await bundle.close();
    }
    const gz = (name: string) => gzipSync(chunks.get(name)!.code, { level: 9 }).length;
    const br = (name: string) => brotliCompressSync(chunks.get(name)!.code).length;
    /** A chunk and everything it imports statically: what the browser fetches before it runs. */
    const closure = (name: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(name)) return seen;
      seen.add(name);
      for (const dep of chunks.get(name)!.imports) closure(dep, seen);
      return seen;
    };

    const ui = [...chunks.values()].find((c) => c.isEntry && c.name === 'ui');
    assert.ok(chunks.has('widget.js') && ui, `the build wrote the loader and the UI (${[...chunks.keys()].join(', ')})`);
    assert.match(ui.fileName, /^ui\.[0-9a-f]{10}\.js$/, 'the UI is content-hashed');
    assert.ok(chunks.get('widget.js')!.code.includes(ui.fileName), 'the loader names the hashed UI');

    // The UI fetches the visitor's one string catalogue (a chunk per locale) before it renders: the
    // first open is counted with the heaviest of them.
    const catalogues = [...chunks.values()].filter((c) => /[\\/]widget[\\/]locales[\\/]/.test(c.facadeModuleId || ''));
    assert.ok(catalogues.length >= 2, `each locale is a chunk of its own (${catalogues.map((c) => c.fileName).join(', ')})`);
    const loader = gz('widget.js');
    const firstOpenWith = (catalogue: OutputChunk) =>
      loader + [...closure(catalogue.fileName, closure(ui.fileName))].reduce((sum, name) => sum + gz(name), 0);
    const heaviest = catalogues.reduce((a, b) => (firstOpenWith(b) > firstOpenWith(a) ? b : a));
    const firstOpen = firstOpenWith(heaviest);
    console.log(`widget sizes (gzip / brotli): loader ${loader} / ${br('widget.js')} B (budget ${LOADER_BUDGET}), first open ${firstOpen} B with ${heaviest.name} (budget ${FIRST_OPEN_BUDGET})`);
    for (const name of chunks.keys()) console.log(`  ${name}: ${gz(name)} / ${br(name)} B`);

    assert.ok(loader > 500 && gz(ui.fileName) > 5000, 'the build produced real bundles');
    assert.ok(loader <= LOADER_BUDGET, `widget.js is ${loader} B gzipped, over the ${LOADER_BUDGET} B budget`);
    assert.ok(firstOpen <= FIRST_OPEN_BUDGET, `the loader and the UI are ${firstOpen} B gzipped, over the ${FIRST_OPEN_BUDGET} B budget`);

    // Everything one visitor can load, from an entry: every chunk it reaches by import or import(),
    // but of the locale catalogues only the heaviest (the visitor's one language).
    // A language is two chunks: its main catalogue (locales/) and its lazy parts' strings (part-locales/).
    const languageOf = (c: OutputChunk) => /[\\/]widget[\\/](?:part-)?locales[\\/](\w+)\.ts$/.exec(c.facadeModuleId || '')?.[1];
    const everything = (graph: Map<string, OutputChunk>, entry: string) => {
      const reached = new Set<string>();
      const visit = (name: string) => {
        if (reached.has(name)) return;
        reached.add(name);
        const c = graph.get(name)!;
        for (const dep of [...c.imports, ...c.dynamicImports]) visit(dep);
      };
      visit(entry);
      const perLanguage = new Map<string, number>();
      for (const n of reached) {
        const lang = languageOf(graph.get(n)!);
        if (lang) perLanguage.set(lang, (perLanguage.get(lang) || 0) + gz(n));
      }
      const heaviestLanguage = Math.max(...perLanguage.values());
      const rest = [...reached].filter((n) => !languageOf(graph.get(n)!)).reduce((sum, n) => sum + gz(n), 0);
      return { bytes: rest + heaviestLanguage, chunks: reached.size, locales: perLanguage.size };
    };
    const scriptGraph = graphs.find((g) => g.has(ui.fileName))!;
    const esmGraph = graphs.find((g) => g.has('parley.esm.js'));
    assert.ok(esmGraph, 'the build wrote parley.esm.js');
    const scriptTotal = everything(scriptGraph, ui.fileName);
    const esmTotal = everything(esmGraph, 'parley.esm.js');
    scriptTotal.bytes += loader;
    assert.ok(esmTotal.locales >= 2 && esmTotal.chunks > esmTotal.locales + 2, `parley.esm.js loads its locales and lazy parts as chunks (${esmTotal.chunks} chunks, ${esmTotal.locales} locales)`);
    const esmClosure = (catalogue: string) => [...closure(catalogue, closure('parley.esm.js'))].reduce((sum, name) => sum + gz(name), 0);
    const esmFirstOpen = Math.max(...catalogues.map((c) => esmClosure(c.fileName)));
    console.log(`ESM first open ${esmFirstOpen} B (budget ${FIRST_OPEN_BUDGET}); everything one visitor can load (heaviest language): script build ${scriptTotal.bytes} B, ESM build ${esmTotal.bytes} B (budget ${TOTAL_BUDGET})`);
    assert.ok(esmFirstOpen <= FIRST_OPEN_BUDGET, `parley.esm.js and what it imports are ${esmFirstOpen} B gzipped, over the ${FIRST_OPEN_BUDGET} B budget`);
    assert.ok(scriptTotal.bytes <= TOTAL_BUDGET, `everything one visitor can load (script build) is ${scriptTotal.bytes} B gzipped, over the ${TOTAL_BUDGET} B budget`);
    assert.ok(esmTotal.bytes <= TOTAL_BUDGET, `everything one visitor can load (ESM build) is ${esmTotal.bytes} B gzipped, over the ${TOTAL_BUDGET} B budget`);
    for (const name of chunks.keys()) assert.ok(gz(name) <= CHUNK_BUDGET, `${name} is ${gz(name)} B gzipped, over the ${CHUNK_BUDGET} B budget`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { precompress } from '../../scripts/build/precompress.mjs';
import type { AppEnv } from './env.ts';
import { registerStatic } from './static.ts';

/** A dist/ laid out as the build lays it out, with the build's own precompression. */
let dist: string;
const app = new Hono<AppEnv>();
const UI = `export const ui = ${JSON.stringify('chat '.repeat(400))};\n`;

before(async () => {
  dist = await mkdtemp(join(tmpdir(), 'parley-static-'));
  await mkdir(join(dist, 'widget'));
  await mkdir(join(dist, 'dashboard'));
  await writeFile(join(dist, 'widget', 'widget.js'), `(()=>{${'/* loader */'.repeat(100)}})();\n`);
  await writeFile(join(dist, 'widget', 'ui.0123456789.js'), UI);
  await writeFile(join(dist, 'dashboard', 'index.html'), `<!doctype html><title>Parley</title>${'<p>inbox</p>'.repeat(50)}`);
  await writeFile(join(dist, 'dashboard', 'logo.png'), Buffer.alloc(64, 1));
  await precompress(join(dist, 'widget'));
  await precompress(join(dist, 'dashboard'));
  registerStatic(app, dist);
});
after(() => rm(dist, { recursive: true, force: true }));

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
const bytes = async (r: Response) => Buffer.from(await r.arrayBuffer());

test('a hashed chunk: brotli or gzip by Accept-Encoding, cached for a year, varying by encoding', async () => {
  const br = await get('/widget/ui.0123456789.js', { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(br.status, 200);
  assert.equal(br.headers.get('content-encoding'), 'br');
  assert.equal(br.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(br.headers.get('vary'), 'Accept-Encoding');
  assert.equal(br.headers.get('access-control-allow-origin'), '*');
  const brBody = await bytes(br);
  assert.equal(Number(br.headers.get('content-length')), brBody.length);
  assert.ok(brBody.length < UI.length / 5, 'sent compressed');
  assert.equal(brotliDecompressSync(brBody).toString(), UI);

  const gz = await get('/widget/ui.0123456789.js', { 'accept-encoding': 'br;q=0, gzip' });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  assert.equal(gunzipSync(await bytes(gz)).toString(), UI);

  const plain = await get('/widget/ui.0123456789.js');
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.equal(plain.headers.get('vary'), 'Accept-Encoding', 'the plain answer varies too, so caches keep both');
  assert.equal(await plain.text(), UI);
  const etags = new Set([br, gz, plain].map((r) => r.headers.get('etag')));
  assert.equal(etags.size, 3, 'one strong ETag per encoding');
});

test('If-None-Match of the same copy answers 304 without a body; another copy\'s ETag does not', async () => {
  const first = await get('/widget/ui.0123456789.js', { 'accept-encoding': 'br' });
  const etag = first.headers.get('etag')!;
  assert.match(etag, /^"[\w-]+-br"$/);
  const again = await get('/widget/ui.0123456789.js', { 'accept-encoding': 'br', 'if-none-match': etag });
  assert.equal(again.status, 304);
  assert.equal(again.headers.get('etag'), etag);
  assert.equal(again.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal((await bytes(again)).length, 0);
  const otherCopy = await get('/widget/ui.0123456789.js', { 'accept-encoding': 'gzip', 'if-none-match': etag });
  assert.equal(otherCopy.status, 200);
  assert.equal(otherCopy.headers.get('content-encoding'), 'gzip');
});

test('the loader and the dashboard shell have stable names: a short cache, revalidated by ETag', async () => {
  const loader = await get('/widget.js', { 'accept-encoding': 'gzip' });
  assert.equal(loader.headers.get('cache-control'), 'public, max-age=300, stale-while-revalidate=604800, stale-if-error=604800');
  assert.equal(loader.headers.get('content-encoding'), 'gzip');
  const html = await get('/dashboard/c/some-conversation', { 'accept-encoding': 'br' });
  assert.equal(html.status, 200, 'SPA fallback');
  assert.equal(html.headers.get('cache-control'), 'no-cache');
  assert.equal(html.headers.get('x-frame-options'), 'DENY');
  assert.equal(brotliDecompressSync(await bytes(html)).toString().slice(0, 15), '<!doctype html>');
  const revalidated = await get('/dashboard', { 'accept-encoding': 'br', 'if-none-match': html.headers.get('etag')! });
  assert.equal(revalidated.status, 304);
});

test('binary files are sent as they are, without Vary; copies and escapes are not served by name', async () => {
  const png = await get('/dashboard/logo.png', { 'accept-encoding': 'br' });
  assert.equal(png.headers.get('content-encoding'), null);
  assert.equal(png.headers.get('vary'), null);
  assert.equal((await bytes(png)).length, 64);
  assert.equal((await get('/widget/ui.0123456789.js.br')).status, 404);
  assert.equal((await get('/widget/..%2f..%2fetc%2fpasswd')).status, 404);
  assert.equal((await get('/widget/missing.js')).status, 404);
});

test('a rebuilt file gets a new ETag', async () => {
  const file = join(dist, 'widget', 'widget.js');
  const before = (await get('/widget.js')).headers.get('etag');
  await writeFile(file, '(()=>{/* a new build */})();\n');
  await utimes(file, new Date(), new Date(Date.now() + 5000));
  const after = await get('/widget.js', { 'if-none-match': before! });
  assert.equal(after.status, 200);
  assert.notEqual(after.headers.get('etag'), before);
  assert.equal(await after.text(), '(()=>{/* a new build */})();\n');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSniffer, safeFileName, sniffType } from './sniff.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

test('allowed types are recognized by their magic bytes', () => {
  assert.equal(sniffType(bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13])), 'image/png');
  assert.equal(sniffType(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF')), 'image/jpeg');
  assert.equal(sniffType(bytes('GIF89a', [1, 0, 1, 0])), 'image/gif');
  assert.equal(sniffType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')), 'image/webp');
  assert.equal(sniffType(bytes('%PDF-1.7\n')), 'application/pdf');
  assert.equal(sniffType(Buffer.from('Order #42 arrived broken. ünïcödé ✓\n')), 'text/plain');
});

test('markup, binaries, invalid UTF-8 and empty files are refused', () => {
  for (const html of ['<!DOCTYPE html><p>x', '  <html>', '<script>alert(1)</script>', '\uFEFF<svg xmlns="x">', '<?xml version="1.0"?>', '<!-- c -->', '<a href=x>']) {
    assert.equal(sniffType(Buffer.from(html)), null, html);
  }
  assert.equal(sniffType(Buffer.from('<3 thanks for the help')), 'text/plain');
  assert.equal(sniffType(bytes('MZ', [0x90, 0, 3, 0])), null);
  assert.equal(sniffType(bytes('hello', [0], 'world')), null);
  assert.equal(sniffType(bytes([0xc3, 0x28])), null);
  assert.equal(sniffType(new Uint8Array()), null);
  assert.equal(sniffType(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')), null);
});

test('file names are cleaned and cannot lie about the type', () => {
  assert.equal(safeFileName('photo.PNG', 'image/png'), 'photo.PNG');
  assert.equal(safeFileName('evil.html', 'image/png'), 'evil.html.png');
  assert.equal(safeFileName('../../etc/passwd', 'text/plain'), '_.._etc_passwd.txt');
  assert.equal(safeFileName('a\r\nb.txt', 'text/plain'), 'a__b.txt');
  assert.equal(safeFileName(undefined, 'application/pdf'), 'file.pdf');
  assert.ok(safeFileName('x'.repeat(500) + '.pdf', 'application/pdf').length <= 200);
});

test('sniffing a stream chunk by chunk decides as on the whole file', () => {
  const sniff = (...chunks: Uint8Array[]) => {
    const s = createSniffer();
    for (const c of chunks) s.push(c);
    return s.type();
  };
  const euro = Buffer.from('price: 5 €\n');
  const cut = euro.indexOf(0xe2) + 1; // inside the three bytes of the euro sign
  assert.equal(sniff(euro.subarray(0, cut), euro.subarray(cut)), 'text/plain', 'a character split across chunks');
  assert.equal(sniff(euro.subarray(0, cut)), null, 'a file that ends inside a character');
  assert.equal(sniff(Buffer.from(' '.repeat(100_000)), Buffer.from('<html><script>')), null, 'markup after a long run of spaces');
  assert.equal(sniff(Buffer.from('\uFEFF  '), Buffer.from('<svg xmlns="x">')), null);
  assert.equal(sniff(Buffer.from([0x89, 0x50, 0x4e]), Buffer.from([0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])), 'image/png', 'magic bytes split across chunks');
  assert.equal(sniff(Buffer.from('hello'), Buffer.from([0]), Buffer.from('world')), null, 'a NUL in a later chunk');
});

test('bidi controls and invisible characters in file names are made visible (was: invoice\u202Egnp.txt showed as invoicetxt.png)', () => {
  assert.equal(safeFileName('invoice\u202Egnp.txt', 'text/plain'), 'invoice_gnp.txt');
  assert.equal(safeFileName('photo\u202Dgpj.exe.png', 'image/png'), 'photo_gpj.exe.png');
  assert.equal(safeFileName('re\u2067port\u2069.pdf', 'application/pdf'), 're_port_.pdf');
  assert.equal(safeFileName('a\u200Bb\u200Ec\uFEFF.txt', 'text/plain'), 'a_b_c_.txt');
  assert.equal(safeFileName('tag\u{E0041}s.txt', 'text/plain'), 'tag_s.txt');
  assert.equal(safeFileName('مستند.pdf', 'application/pdf'), 'مستند.pdf', 'right-to-left letters themselves stay');
  assert.equal(safeFileName('👩\u200D💻 notes.txt', 'text/plain'), '👩\u200D💻 notes.txt', 'joiners stay (emoji, Persian, Indic scripts)');
});

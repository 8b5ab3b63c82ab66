/**
 * The proof of work a site under attack asks of new visitors (GET /api/v1/visitor/challenge): find a
 * nonce whose SHA-256 of `challenge:nonce` starts with `difficulty` zero bits. A lazy chunk: only
 * loaded when a site asks. Needs crypto.subtle, which browsers give secure pages (https, localhost).
 */
export async function solveChallenge(f: typeof fetch, apiBase: string, siteKey: string): Promise<{ challenge: string; nonce: string }> {
  const res = await f(apiBase + '/api/v1/visitor/challenge?siteKey=' + encodeURIComponent(siteKey));
  const c = (await res.json()) as { challenge: string; difficulty: number };
  const enc = new TextEncoder();
  for (let n = 0; ; n++) {
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(c.challenge + ':' + n)));
    if (zeroBits(hash) >= c.difficulty) return { challenge: c.challenge, nonce: String(n) };
  }
}

function zeroBits(hash: Uint8Array): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte) return bits + Math.clz32(byte) - 24;
    bits += 8;
  }
  return bits;
}

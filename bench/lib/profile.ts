import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and ranks where the time went: by function (self time)
 * and by origin (a package under node_modules, node: internals, Parley's own code, GC, idle).
 */
interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface Profile { nodes: Node[]; startTime: number; endTime: number; samples: number[] }

export interface ProfileSummary {
  file: string;
  totalMs: number;
  topFunctions: { name: string; where: string; selfMs: number; pct: number }[];
  byOrigin: { origin: string; selfMs: number; pct: number }[];
}

function originOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/.out/parley-server')) return 'Parley server code';
  if (url.includes('/.out/socketio-server')) return 'baseline server code';
  const own = /\/work\/main\/([^/]+)\//.exec(url) ?? /\/(server|bench|protocol)\//.exec(url);
  return own ? `${own[1]}/` : url;
}

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const totalMs = (p.endTime - p.startTime) / 1000;
  const totalHits = p.samples.length || 1;
  const perHit = totalMs / totalHits;
  const byFn = new Map<string, { name: string; where: string; hits: number }>();
  const byOrigin = new Map<string, number>();
  for (const n of p.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    const name = functionName || '(anonymous)';
    const where = url ? `${relativeToRepo(url)}:${lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const e = byFn.get(key) ?? { name, where, hits: 0 };
    e.hits += hits;
    byFn.set(key, e);
    const o = originOf(url, name);
    byOrigin.set(o, (byOrigin.get(o) ?? 0) + hits);
  }
  const pct = (h: number) => (100 * h) / totalHits;
  return {
    file,
    totalMs,
    topFunctions: [...byFn.values()]
      .sort((a, b) => b.hits - a.hits)
      .slice(0, top)
      .map((e) => ({ name: e.name, where: e.where, selfMs: e.hits * perHit, pct: pct(e.hits) })),
    byOrigin: [...byOrigin.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([origin, hits]) => ({ origin, selfMs: hits * perHit, pct: pct(hits) })),
  };
}

/**
 * The main thread's .cpuprofile in a folder, if any. Files are CPU.<date>.<time>.<pid>.<thread>.<n>;
 * thread 0 is the main thread (tsx's module loader runs in a worker and writes its own).
 */
export function mainThreadProfile(dir: string): string | null {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  const main = files.filter((f) => f.split('.')[4] === '0');
  const pick = main.length ? main : files;
  return pick.length ? join(dir, pick[pick.length - 1]) : null;
}

/** The repository (two folders up from here), whichever checkout or worktree the bench runs in. */
const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** A profile's script URL as a path inside the repository (node_modules/…, bench/.out/…), else as given. */
function relativeToRepo(url: string): string {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  return path.startsWith(REPO) ? path.slice(REPO.length) : path;
}

import { readFileSync } from 'node:fs';

/**
 * A V8 heap snapshot (.heapsnapshot) summed by what each node is: objects by constructor name,
 * closures by function name, arrays and system objects by their label, strings/code/numbers by type.
 * Two summaries diffed and divided by the sockets opened between them give bytes per socket by kind;
 * `holders` says, for the nodes of one kind that are new in the second snapshot, what holds them.
 */
export type HeapSummary = Map<string, { count: number; bytes: number }>;

interface Snapshot {
  width: number;
  nodes: number[];
  edges: number[];
  strings: string[];
  nodeTypes: string[];
  edgeTypes: string[];
  f: { type: number; name: number; id: number; size: number; edgeCount: number };
  e: { type: number; name: number; to: number; width: number };
}

export function load(file: string): Snapshot {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
    nodes: number[];
    edges: number[];
    strings: string[];
  };
  const { node_fields: nf, edge_fields: ef } = snap.snapshot.meta;
  return {
    width: nf.length,
    nodes: snap.nodes,
    edges: snap.edges,
    strings: snap.strings,
    nodeTypes: snap.snapshot.meta.node_types[0],
    edgeTypes: snap.snapshot.meta.edge_types[0],
    f: { type: nf.indexOf('type'), name: nf.indexOf('name'), id: nf.indexOf('id'), size: nf.indexOf('self_size'), edgeCount: nf.indexOf('edge_count') },
    e: { type: ef.indexOf('type'), name: ef.indexOf('name_or_index'), to: ef.indexOf('to_node'), width: ef.length },
  };
}

function keyAt(s: Snapshot, i: number): string | null {
  const type = s.nodeTypes[s.nodes[i + s.f.type]];
  const name = s.strings[s.nodes[i + s.f.name]];
  switch (type) {
    case 'object':
    case 'native':
      return name;
    case 'closure':
      return `(closure) ${name || 'anonymous'}`;
    case 'array':
    case 'hidden':
    case 'object shape':
      return `(${type}) ${name.replace(/\d+/g, '#').slice(0, 60)}`;
    case 'synthetic':
      return null;
    default:
      return `(${type})`;
  }
}

export function summarize(s: Snapshot): HeapSummary {
  const out: HeapSummary = new Map();
  for (let i = 0; i < s.nodes.length; i += s.width) {
    const key = keyAt(s, i);
    if (key === null) continue;
    const e = out.get(key) ?? { count: 0, bytes: 0 };
    e.count += 1;
    e.bytes += s.nodes[i + s.f.size];
    out.set(key, e);
  }
  return out;
}

export function idsOf(s: Snapshot): Set<number> {
  const ids = new Set<number>();
  for (let i = 0; i < s.nodes.length; i += s.width) ids.add(s.nodes[i + s.f.id]);
  return ids;
}

/**
 * For the nodes of `key` in `s` whose ids are not in `old`: their retainers as "holder key .edge", with
 * how many such nodes each holds and their bytes, most bytes first (weak edges left out).
 */
export function holders(s: Snapshot, old: Set<number>, key: string): { holder: string; count: number; bytes: number }[] {
  const agg = new Map<string, { count: number; bytes: number }>();
  const fresh = new Uint8Array(s.nodes.length / s.width);
  for (let i = 0; i < s.nodes.length; i += s.width) if (!old.has(s.nodes[i + s.f.id]) && keyAt(s, i) === key) fresh[i / s.width] = 1;
  let edge = 0;
  for (let i = 0; i < s.nodes.length; i += s.width) {
    const n = s.nodes[i + s.f.edgeCount];
    for (let k = 0; k < n; k++, edge += s.e.width) {
      const to = s.edges[edge + s.e.to];
      if (!fresh[to / s.width]) continue;
      const type = s.edgeTypes[s.edges[edge + s.e.type]];
      if (type === 'weak') continue;
      const nameOrIndex = s.edges[edge + s.e.name];
      const label = type === 'element' || type === 'hidden' ? `[${type}]` : s.strings[nameOrIndex];
      const h = `${keyAt(s, i)} .${label}`;
      const a = agg.get(h) ?? { count: 0, bytes: 0 };
      a.count += 1;
      a.bytes += s.nodes[to + s.f.size];
      agg.set(h, a);
    }
  }
  return [...agg].map(([holder, a]) => ({ holder, ...a })).sort((x, y) => y.bytes - x.bytes);
}

/**
 * For the new nodes of `key`: the chain of first (non-weak) retainers `depth` levels up, as
 * "grandholder .edge < holder .edge < key", counted like `holders`.
 */
export function chains(s: Snapshot, old: Set<number>, key: string, depth: number): { holder: string; count: number; bytes: number }[] {
  const n = s.nodes.length / s.width;
  const parent = new Int32Array(n).fill(-1);
  const via = new Int32Array(n).fill(-1);
  let edge = 0;
  for (let i = 0; i < s.nodes.length; i += s.width) {
    const c = s.nodes[i + s.f.edgeCount];
    for (let k = 0; k < c; k++, edge += s.e.width) {
      const to = s.edges[edge + s.e.to] / s.width;
      const type = s.edgeTypes[s.edges[edge + s.e.type]];
      if (parent[to] !== -1 || type === 'weak' || keyAt(s, i) === null) continue;
      parent[to] = i / s.width;
      via[to] = edge;
    }
  }
  const label = (e: number) => {
    const type = s.edgeTypes[s.edges[e + s.e.type]];
    return type === 'element' || type === 'hidden' ? '[]' : s.strings[s.edges[e + s.e.name]].replace(/^\d+$/, '#');
  };
  const agg = new Map<string, { count: number; bytes: number }>();
  for (let j = 0; j < n; j++) {
    const i = j * s.width;
    if (old.has(s.nodes[i + s.f.id]) || keyAt(s, i) !== key) continue;
    const path: string[] = [];
    for (let at = j, d = 0; d < depth && parent[at] !== -1; d++, at = parent[at]) path.push(`${keyAt(s, parent[at] * s.width)} .${label(via[at])}`);
    const h = path.reverse().join(' < ');
    const a = agg.get(h) ?? { count: 0, bytes: 0 };
    a.count += 1;
    a.bytes += s.nodes[i + s.f.size];
    agg.set(h, a);
  }
  return [...agg].map(([holder, a]) => ({ holder, ...a })).sort((x, y) => y.bytes - x.bytes);
}

export interface DiffRow {
  key: string;
  /** Nodes added per socket. */
  count: number;
  /** Self bytes added per socket. */
  bytes: number;
}

export function diff(before: HeapSummary, after: HeapSummary, sockets: number): DiffRow[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  const rows: DiffRow[] = [];
  for (const key of keys) {
    const a = before.get(key) ?? { count: 0, bytes: 0 };
    const b = after.get(key) ?? { count: 0, bytes: 0 };
    rows.push({ key, count: (b.count - a.count) / sockets, bytes: (b.bytes - a.bytes) / sockets });
  }
  return rows.sort((x, y) => y.bytes - x.bytes);
}

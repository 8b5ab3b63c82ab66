import { parleyAdapter } from './parley.ts';
import { socketioAdapter } from './socketio.ts';
import type { Adapter, TargetInfo } from './types.ts';

export function adapterFor(t: TargetInfo): Adapter {
  return t.kind === 'parley' ? parleyAdapter(t) : socketioAdapter(t);
}
export type { Adapter, TargetInfo } from './types.ts';

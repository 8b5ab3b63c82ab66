import type { ChildProcess } from 'node:child_process';
import type { TargetInfo } from '../adapters/types.ts';

/** A server under test, running in its own process. */
export interface RunningTarget {
  info: TargetInfo;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Fresh scratch folder for this server's database. */
  dir: string;
  /** Folder for a V8 CPU profile (node --cpu-prof), written when the server exits. */
  cpuProfDir?: string;
  /** Extra node flags for investigations, e.g. ['--heapsnapshot-signal=SIGUSR2', '--diagnostic-dir=/tmp/x']. */
  nodeFlags?: string[];
  /** Run the TypeScript source under tsx instead of the esbuild bundle (to measure what tsx costs). */
  tsx?: boolean;
}

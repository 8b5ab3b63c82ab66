import type { Machine } from '../lib/machine.ts';
import type { DashboardResult } from '../scenarios/dashboard.ts';
import type { ReportsResult } from '../scenarios/reports.ts';
import type { IdleResult } from '../scenarios/idle.ts';
import type { LatencyResult } from '../scenarios/latency.ts';
import type { MaxRateResult } from '../scenarios/max-rate.ts';
import type { ClusterResult } from '../scenarios/cluster.ts';
import type { CpuResult } from '../scenarios/cpu.ts';
import type { ProfileResult } from '../scenarios/profile.ts';
import type { StormResult } from '../scenarios/storm.ts';
import type { UploadResult } from '../scenarios/upload.ts';
import type { TargetKind } from '../scenarios/context.ts';
import type { WidgetResult } from '../scenarios/widget.ts';

/** Everything one `npm run bench` measured (also written as JSON beside RESULTS.md). */
export interface BenchResults {
  mode: 'full' | 'quick';
  startedAt: string;
  durationSec: number;
  machine: Machine;
  targets: TargetKind[];
  command: string;
  notes: string[];
  /** 1-minute load average when each scenario started (other work on the machine skews every figure). */
  loadAtStart: Record<string, number>;
  /** Scenario name -> error message, for scenarios that failed to run. */
  failures: Record<string, string>;
  latency?: LatencyResult;
  /** Server CPU per delivered message at one fixed rate. */
  cpu?: Partial<Record<TargetKind, CpuResult>>;
  maxRate?: Partial<Record<TargetKind, MaxRateResult>>;
  /** Parley on several processes (PostgreSQL + Redis). */
  cluster?: ClusterResult;
  idle?: Partial<Record<TargetKind, IdleResult>>;
  storm?: Partial<Record<TargetKind, StormResult>>;
  widget?: WidgetResult;
  dashboard?: DashboardResult;
  reports?: ReportsResult;
  profile?: Partial<Record<TargetKind, ProfileResult>>;
  upload?: UploadResult;
}

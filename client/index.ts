export type {
  ClientEnv,
  ClientError,
  ClientErrorCode,
  ClientOptions,
  ConnectionState,
  DurableEvent,
  KeyValueStorage,
  OutboxItem,
  RealtimeClient,
  SendCommand,
  SocketLike,
  WakeReason,
  StateChange,
} from './api.ts';
export { createRealtimeClient } from './realtime-client.ts';
export { browserEnv, safeLocalStorage, type BrowserEnvOptions } from './browser-env.ts';
export { withFallback, type FallbackModule } from './transport-select.ts';
export { memoryStorage } from './storage.ts';
export { isRetryable } from './errors.ts';
export { DEFAULT_CLIENT_OPTIONS } from './options.ts';

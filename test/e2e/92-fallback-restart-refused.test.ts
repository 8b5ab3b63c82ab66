import { restartScenario } from './support/fallback-scenarios.ts';

/** The HTTP fallback (issue 18) behind a proxy that refuses WebSocket upgrades (support/ws-proxy.ts). */
restartScenario('refuse');

import { restartScenario } from './support/fallback-scenarios.ts';

/** The HTTP fallback (issue 18) behind a proxy that accepts WebSocket upgrades and then never forwards a byte (support/ws-proxy.ts). */
restartScenario('stall');

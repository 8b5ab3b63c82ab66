import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import { busSuite } from '../bus/bus.suite.ts';
import { createClusterBus } from './cluster-bus.ts';
import { REDIS_URL, deleteKeys } from './test-cluster.ts';

// A random prefix per run keeps parallel runs apart; its keys are removed afterwards.
const prefix = `parley-test:${randomBytes(6).toString('hex')}:`;
after(() => deleteKeys(prefix));

busSuite('cluster (Redis + presence)', () => createClusterBus({ url: REDIS_URL, prefix, onError: () => {} }), { sharedAcrossInstances: true });


import { randomBytes } from 'node:crypto';
import { busSuite } from './bus.suite.ts';
import { createRedisBus } from './redis.ts';

// Redis must be reachable (PARLEY_TEST_REDIS_URL, default redis://127.0.0.1:6379); it is in CI.
// A random prefix per run keeps parallel runs from hearing each other.
const url = process.env.PARLEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `parley-test:${randomBytes(6).toString('hex')}:`;

busSuite('redis', () => createRedisBus({ url, prefix, onListenerError: () => {} }), { sharedAcrossInstances: true });

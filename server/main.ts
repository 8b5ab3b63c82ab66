import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { embedSnippet } from '../protocol/snippet.ts';
import { createParleyServer } from './app.ts';
import { ConfigError, loadConfig, unknownVariables, type Config } from './config.ts';
import { ensureDemo, type DemoInfo } from './demo.ts';
import { createLogger, type Logger } from './log.ts';
import { EXAMPLES_DIR } from './paths.ts';
import { describeBus, describeStore } from './scale/open.ts';

/**
 * `npm start`: config from env, data dir and server secret, the store (SQLite; PostgreSQL when
 * PARLEY_DATABASE_URL is set) and bus (in-process; Redis when PARLEY_REDIS_URL is set) opened and migrated by the app,
 * demo site on an empty database, then listen. SIGINT/SIGTERM shut down gracefully and exit 0.
 */
async function main(): Promise<void> {
  // Signals first: a SIGTERM that arrives while starting waits for the server to exist, then closes
  // it in order (stop accepting, 1001, in-flight commits, store) and exits 0.
  let setShutdown!: (fn: () => Promise<void>) => void;
  const shutdownReady = new Promise<() => Promise<void>>((resolve) => (setShutdown = resolve));
  let shutdownMs = loadConfig({}).shutdownMs; // the default, until the environment is read
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      log.error('shutdown took too long, exiting', { ms: shutdownMs });
      process.exit(1);
    }, shutdownMs + 2_000).unref();
    log.info('shutting down', { signal });
    await (await shutdownReady)();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const env = loadConfig();
  shutdownMs = env.shutdownMs;
  log = createLogger({ level: env.logLevel });
  for (const { variable, suggestion } of unknownVariables()) {
    log.warn(`${variable} is not a Parley setting and is ignored${suggestion ? `; did you mean ${suggestion}?` : '.'}`, { variable, suggestion });
  }
  mkdirSync(env.dataDir, { recursive: true });
  const config: Config = { ...env, secret: env.secret ?? readOrCreateSecret(env.dataDir) };
  // Every request and frame handler catches its own errors; a promise that still rejects unhandled is a
  // bug, and it is logged rather than allowed to take every connection of this process down with it.
  process.on('unhandledRejection', (err) => log.error('unhandled rejection', { err }));
  const server = await createParleyServer({ config, log });
  let examples: RunningExamples | null = null;
  setShutdown(async () => {
    await examples?.close().catch(() => {});
    await server.close();
  });
  if (stopping) return; // a signal came while starting: the shutdown above is already running
  const publicUrl = (config.publicUrl ?? `http://localhost:${server.port}`).replace(/\/$/, '');

  const demo = config.demo ? await ensureDemo(server.store, config.dataDir) : null;
  examples = demo ? await startExamplesIfPresent(publicUrl, demo, config.examplesPort, log) : null;
  const storage = { store: describeStore(server.store, config), bus: describeBus(server.bus, config) };
  log.info('storage', storage);
  printBanner(publicUrl, demo, examples, storage);
}

/** The secret that signs tokens: PARLEY_SECRET, else one generated once into <dataDir>/secret.key (0600). */
function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

interface RunningExamples {
  urls: string[];
  /** Why they did not start. */
  failed?: string;
  close(): Promise<void>;
}

/**
 * The example pages, on PARLEY_EXAMPLES_PORT, when their files are there (a checkout or a release; a trimmed
 * install may leave them out). They are a convenience of the demo: failing to start them is a warning.
 */
async function startExamplesIfPresent(parleyUrl: string, demo: DemoInfo, port: number, log: Logger): Promise<RunningExamples | null> {
  if (!existsSync(join(EXAMPLES_DIR, 'index.html'))) return null;
  try {
    const { startExamples } = await import('../examples/serve.ts');
    const ex = await startExamples({ parleyUrl, siteKey: demo.site.key, identitySecret: demo.site.identitySecret, port, pagesDir: EXAMPLES_DIR });
    return { urls: Object.values(ex.pages), close: () => ex.close() };
  } catch (err) {
    // Parley itself is up; only the demo's example pages are missing, and the banner says why.
    const why = err instanceof ConfigError ? err.message : String(err);
    log.warn(`The example pages did not start: ${why}`, { err });
    return { urls: [], failed: why, close: async () => {} };
  }
}

function printBanner(url: string, demo: DemoInfo | null, examples: RunningExamples | null, storage: { store: string; bus: string }): void {
  const exampleUrls = examples?.urls ?? [];
  const lines = ['', `  Parley is running at ${url}`, '', `  Dashboard:   ${url}/dashboard`];
  lines.push(`  Store:       ${storage.store}`, `  Bus:         ${storage.bus}`);
  if (demo) {
    lines.push(`  Login:       ${demo.email} / ${demo.password ?? '(see the password you were shown on first start)'}`);
    lines.push('', '  Paste this on any page served from localhost or 127.0.0.1:', '');
    for (const line of embedSnippet(url, demo.site.key, { requireConsent: demo.site.settings.requireConsent })) lines.push(`    ${line}`);
  }
  if (exampleUrls.length) {
    lines.push('', '  Example pages:');
    for (const u of exampleUrls) lines.push(`    ${u}`);
  }
  if (examples?.failed) lines.push('', `  Example pages: not started. ${examples.failed}`);
  lines.push('');
  process.stdout.write(lines.join('\n') + '\n');
}

/** Set once a signal asked to stop; startup steps that fail because of the shutdown are not errors then. */
let stopping = false;

/** Until the config is read, errors are logged at the default level. */
let log: Logger = createLogger({ level: 'info' });

main().catch((err) => {
  if (stopping) return;
  // A bad setting is the operator's to fix: its sentence is the whole story, no stack.
  if (err instanceof ConfigError) log.error(err.message);
  else log.error('Parley failed to start', { err });
  process.exit(1);
});

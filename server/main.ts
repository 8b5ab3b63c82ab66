import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createParleyServer } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { ensureDemo, type DemoInfo } from './demo.ts';
import { createLogger } from './log.ts';
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
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const ms = Number(process.env.PARLEY_SHUTDOWN_MS || 10_000);
    setTimeout(() => {
      process.stderr.write(`Parley: shutdown took longer than ${ms} ms, exiting.\n`);
      process.exit(1);
    }, ms + 2_000).unref();
    process.stderr.write(`Parley: ${signal}, shutting down.\n`);
    await (await shutdownReady)();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const env = loadConfig();
  mkdirSync(env.dataDir, { recursive: true });
  const config: Config = { ...env, secret: env.secret ?? readOrCreateSecret(env.dataDir) };
  const log = createLogger({ level: config.logLevel });
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
  examples = demo ? await startExamplesIfPresent(publicUrl, demo, log) : null;
  const storage = { store: describeStore(server.store, config), bus: describeBus(server.bus, config) };
  log.info('storage', storage);
  printBanner(publicUrl, demo, examples?.urls ?? [], storage);
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
  close(): Promise<void>;
}

/** examples/serve.ts is optional: when present, the example pages start on PARLEY_EXAMPLES_PORT (8788). */
async function startExamplesIfPresent(parleyUrl: string, demo: DemoInfo, log: ReturnType<typeof createLogger>): Promise<RunningExamples | null> {
  const path = '../examples/serve.ts';
  if (!existsSync(fileURLToPath(new URL(path, import.meta.url)))) return null;
  try {
    const mod = (await import(path)) as {
      startExamples(o: { parleyUrl: string; siteKey: string; identitySecret: string; port: number }): Promise<{
        url: string;
        pages?: Record<string, string>;
        close(): Promise<void>;
      }>;
    };
    const port = Number(process.env.PARLEY_EXAMPLES_PORT || 8788);
    const ex = await mod.startExamples({ parleyUrl, siteKey: demo.site.key, identitySecret: demo.site.identitySecret, port });
    return { urls: ex.pages ? Object.values(ex.pages) : [ex.url], close: () => ex.close() };
  } catch (err) {
    log.warn('examples did not start', { err });
    return null;
  }
}

function printBanner(url: string, demo: DemoInfo | null, exampleUrls: string[], storage: { store: string; bus: string }): void {
  const lines = ['', `  Parley is running at ${url}`, '', `  Dashboard:   ${url}/dashboard`];
  lines.push(`  Store:       ${storage.store}`, `  Bus:         ${storage.bus}`);
  if (demo) {
    lines.push(`  Login:       ${demo.email} / ${demo.password ?? '(see the password you were shown on first start)'}`);
    lines.push('', '  Paste this on any page served from localhost or 127.0.0.1:', '');
    lines.push(`    <script async src="${url}/widget.js" data-site="${demo.site.key}"></script>`);
  }
  if (exampleUrls.length) {
    lines.push('', '  Example pages:');
    for (const u of exampleUrls) lines.push(`    ${u}`);
  }
  lines.push('');
  process.stdout.write(lines.join('\n') + '\n');
}

/** Set once a signal asked to stop; startup steps that fail because of the shutdown are not errors then. */
let stopping = false;

main().catch((err) => {
  if (stopping) return;
  process.stderr.write(`Parley failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

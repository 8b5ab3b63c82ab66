import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a command; rejects with its output when it fails. Returns the output and the wall time it took. */
export function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ out: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ out, ms: performance.now() - started }) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

/**
 * `npm pack` as a release manager runs it, but in a copy of the work tree (the files git tracks or would
 * track, with node_modules linked), so its prepack build never rewrites the dist/ other tests are serving.
 */
export async function packRelease(into: string): Promise<{ tarball: string; ms: number }> {
  const copy = await mkdtemp(join(tmpdir(), 'parley-pack-src-'));
  const { out: files } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPO });
  for (const file of files.split('\0').filter(Boolean)) {
    await mkdir(dirname(join(copy, file)), { recursive: true });
    await cp(join(REPO, file), join(copy, file)).catch((err) => {
      if ((err as { code?: string }).code !== 'ENOENT') throw err; // deleted in the work tree, not yet in git
    });
  }
  await symlink(join(REPO, 'node_modules'), join(copy, 'node_modules'));
  const packed = await run('npm', ['pack', '--pack-destination', into, '--silent'], { cwd: copy });
  const tarball = (await readdir(into)).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack made no tarball:\n${packed.out}`);
  return { tarball: join(into, tarball), ms: packed.ms };
}

/** Unpacks a release and installs its runtime dependencies the way docs/deploy.md says. */
export async function installRelease(tarball: string, into: string): Promise<{ dir: string; ms: number }> {
  await run('tar', ['xzf', tarball, '-C', into], { cwd: into });
  const dir = join(into, 'package');
  // --prefer-offline: npm's cache already holds these packages (the checkout was installed from it).
  const installed = await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir });
  return { dir, ms: installed.ms };
}

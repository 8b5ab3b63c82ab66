import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { changeOrigins, checkOriginPattern, generatePassword, hashPassword, newIdentitySecret } from './auth/index.ts';
import { passwordProblem } from './auth/password-policy.ts';
import { loadConfig } from './config.ts';
import { ParleyError } from './errors.ts';
import { openStore } from './scale/open.ts';
import type { SiteRecord, Store } from './store/store.ts';

/**
 * Operator CLI: `npm run cli -- <command>` in a checkout, `node dist/server/cli.js <command>` in a release. Works on the same SQLite file as the server
 * (PARLEY_DATA_DIR / PARLEY_DB_FILE) and may run while the server is up (SQLite WAL).
 * Bad input prints a sentence and exits 1.
 */
const USAGE = `Usage: npm run cli -- <command>   (in a release: node dist/server/cli.js <command>)

  site create --name NAME --origin ORIGIN [--origin ORIGIN ...]
  site list
  site origins add|remove --site KEY --origin ORIGIN [--origin ORIGIN ...]
  staff add --site KEY --email EMAIL --name NAME --role admin|agent [--password PASSWORD]
  staff list --site KEY
  owner list
  owner add|remove --email EMAIL      (server owners: who may create sites in the dashboard)

Origins are exact ("https://shop.example") or port wildcards ("http://localhost:*").
Uses PARLEY_DATA_DIR (default ./data) like the server.`;

class UsageError extends Error {}
const usage = (msg: string): never => {
  throw new UsageError(msg);
};

interface Flags {
  name?: string;
  origin?: string[];
  site?: string;
  email?: string;
  role?: string;
  password?: string;
}

function need<K extends keyof Flags>(flags: Flags, key: K): NonNullable<Flags[K]> {
  const value = flags[key];
  if (value === undefined || (Array.isArray(value) && value.length === 0) || value === '') usage(`--${key} is required.`);
  return value as NonNullable<Flags[K]>;
}

/** The same rules as the admin routes and the dashboard (auth/origin-list.ts). */
function checkOrigins(origins: string[]): string[] {
  return origins.map((o) => {
    const r = checkOriginPattern(o);
    return r.ok ? r.origin : usage(r.reason);
  });
}

async function siteByKey(store: Store, key: string): Promise<SiteRecord> {
  const site = await store.getSiteByKey(key);
  if (!site) throw new ParleyError('not_found', `No site has the key "${key}". See: npm run cli -- site list`);
  return site;
}

type Out = (line: string) => void;

async function run(store: Store, args: string[], flags: Flags, out: Out): Promise<void> {
  const [group, command, sub] = args;
  const cmd = [group, command].join(' ');
  switch (cmd) {
    case 'site create': {
      const site = await store.createSite({
        name: need(flags, 'name'),
        allowedOrigins: checkOrigins(need(flags, 'origin')),
        identitySecret: newIdentitySecret(),
        settings: {},
      });
      out(`Created site "${site.name}"`);
      out(`  id:              ${site.id}`);
      out(`  site key:        ${site.key}`);
      out(`  identity secret: ${site.identitySecret}   (keep it on your backend; it signs user JWTs)`);
      out(`  origins:         ${site.allowedOrigins.join(', ')}`);
      return;
    }
    case 'site list': {
      const sites = await store.listSites();
      if (sites.length === 0) out('No sites yet. Create one: site create --name NAME --origin ORIGIN');
      for (const s of sites) out(`${s.key}  ${s.name}  (${s.allowedOrigins.join(', ') || 'no origins'})`);
      return;
    }
    case 'site origins': {
      if (sub !== 'add' && sub !== 'remove') usage('Say "site origins add" or "site origins remove".');
      const site = await siteByKey(store, need(flags, 'site'));
      const given = checkOrigins(need(flags, 'origin'));
      const next = changeOrigins(site.allowedOrigins, given, sub as 'add' | 'remove');
      if (sub === 'remove' && next.length === site.allowedOrigins.length) usage(`None of these origins is on the site: ${given.join(', ')}.`);
      await store.updateSite(site.id, { allowedOrigins: next });
      out(`Origins of ${site.key}: ${next.join(', ') || '(none: visitors from browsers are refused)'}`);
      return;
    }
    case 'staff add': {
      const site = await siteByKey(store, need(flags, 'site'));
      const email = need(flags, 'email').trim().toLowerCase();
      if (!/^[^\s@]+@[^\s@]+$/.test(email)) usage(`"${email}" is not an email address.`);
      const role = need(flags, 'role');
      if (role !== 'admin' && role !== 'agent') usage('--role must be admin or agent.');
      // One email is one person with one password on all their sites (auth/staff-session.ts).
      const existing = (await store.findStaffByEmail(email)).find((m) => m.passwordHash !== '');
      if (flags.password !== undefined) {
        const problem = passwordProblem(flags.password, email);
        if (problem) usage(`--password: ${problem}`);
      }
      const password = flags.password ?? (existing ? undefined : generatePassword());
      const passwordHash = password === undefined ? existing!.passwordHash : await hashPassword(password);
      // The operator sets a new password for this person: it is theirs on every site they belong to.
      const others = existing && flags.password !== undefined ? await store.setPasswordHashForEmail(email, passwordHash) : 0;
      const staff = await store.createStaff({ siteId: site.id, email, name: need(flags, 'name'), role: role as 'admin' | 'agent', passwordHash });
      out(`Added ${staff.role} ${staff.name} <${staff.email}> to ${site.name}`);
      if (existing && flags.password === undefined) out('  they sign in with the password they already have on their other sites');
      if (others > 0) out(`  the new password is also theirs on their ${others} other membership${others === 1 ? '' : 's'}`);
      if (!flags.password && password) out(`  password: ${password}   (shown once; they can log in at /dashboard)`);
      return;
    }
    case 'owner list': {
      const owners = await store.listServerOwners();
      if (owners.length === 0) out('No server owner yet: the first admin added becomes one.');
      for (const o of owners) out(o);
      return;
    }
    case 'owner add':
    case 'owner remove': {
      // The way back when no owner can sign in (all deactivated or removed): the operator names one.
      const email = need(flags, 'email').trim().toLowerCase();
      if (command === 'add') {
        if ((await store.findStaffByEmail(email)).length === 0) usage(`${email} is not a member of any site; add them first (staff add).`);
        out((await store.addServerOwner(email, Date.now())) ? `${email} is now a server owner.` : `${email} already is a server owner.`);
        return;
      }
      const r = await store.removeServerOwner(email);
      if (r === 'absent') usage(`${email} is not a server owner.`);
      if (r === 'last') usage(`${email} is the last server owner; add another first (owner add).`);
      out(`${email} is no longer a server owner.`);
      return;
    }
    case 'staff list': {
      const site = await siteByKey(store, need(flags, 'site'));
      const staff = await store.listStaff(site.id);
      if (staff.length === 0) out(`No staff on ${site.name} yet.`);
      for (const s of staff) out(`${s.email}  ${s.name}  ${s.role}`);
      return;
    }
    default:
      usage(args.length ? `Unknown command "${args.join(' ')}".` : 'No command given.');
  }
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, out: Out = console.log, err: Out = console.error): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        origin: { type: 'string', multiple: true },
        site: { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string' },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    err(`${(e as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (parsed.values.help || parsed.positionals.length === 0) {
    (parsed.values.help ? out : err)(USAGE);
    return parsed.values.help ? 0 : 1;
  }
  const config = loadConfig(env);
  // The same store the server opens: SQLite by default, PostgreSQL when PARLEY_DATABASE_URL is set.
  const store = await openStore(config);
  try {
    await store.migrate();
    await run(store, parsed.positionals, parsed.values as Flags, out);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) err(`${e.message}\n\n${USAGE}`);
    else if (e instanceof ParleyError) err(e.message);
    else err(`Failed: ${(e as Error).message}`);
    return 1;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}

/**
 * Lua scripts of the Redis presence directory. Each runs atomically in Redis, so deciding a
 * transition ("this was the visitor's last socket on any live process") and announcing it (PUBLISH on
 * the bus channel) are one step: two processes can never announce online/offline out of order.
 * Time is Redis's own clock (TIME), so processes with skewed clocks agree on who expired.
 *
 * Keys, all under K = <prefix>presence: (one Redis instance, not Redis Cluster: keys are built here)
 *   K procs                         ZSET  process id -> expiry (ms); refreshed by each process's heartbeat
 *   K sites:<proc>                  SET   sites a process has sockets on (to find its hashes when it dies)
 *   K conn:<proc>:<site>:<kind>     HASH  actor id -> open sockets on that process (kind: visitor | staff)
 *   K choice:<site>                 HASH  staff id -> availability they picked (while connected anywhere)
 *   K last:<site>                   HASH  'kind:id' -> last announced status; '*' -> last announced summary
 */

const NOW = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** Shared helpers: live processes, totals across them, a staff member's status, the site summary. */
const COMMON = `
${NOW}
local procs = redis.call('ZRANGEBYSCORE', K .. 'procs', now, '+inf')
local function connKey(p, kind) return K .. 'conn:' .. p .. ':' .. site .. ':' .. kind end
local function total(kind, who)
  local n = 0
  for _, p in ipairs(procs) do
    local v = redis.call('HGET', connKey(p, kind), who)
    if v then n = n + tonumber(v) end
  end
  return n
end
local function staffStatus(who)
  if total('staff', who) <= 0 then return 'offline' end
  return redis.call('HGET', K .. 'choice:' .. site, who) or 'online'
end
local function connectedStaff()
  local seen, list = {}, {}
  for _, p in ipairs(procs) do
    for _, who in ipairs(redis.call('HKEYS', connKey(p, 'staff'))) do
      if not seen[who] then seen[who] = true; table.insert(list, who) end
    end
  end
  return list
end
`;

/**
 * ARGV: K, me, keyTtlMs, site, kind, id, delta, choiceMode ('' | seed | set), choiceValue,
 *       channel site staff, channel of the actor ('' for none), channel site visitors
 * Returns { status, summary } after the change.
 */
export const CHANGE = `
local K, me, keyTtl, site, kind, id, delta = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
local choiceMode, choiceValue, chanSiteStaff, chanActor, chanSiteVisitors = ARGV[8], ARGV[9], ARGV[10], ARGV[11], ARGV[12]
${COMMON}
if delta ~= 0 then
  local key = connKey(me, kind)
  if redis.call('HINCRBY', key, id, delta) <= 0 then redis.call('HDEL', key, id) end
  redis.call('PEXPIRE', key, keyTtl)
  redis.call('SADD', K .. 'sites:' .. me, site)
  redis.call('PEXPIRE', K .. 'sites:' .. me, keyTtl)
end
local choiceKey = K .. 'choice:' .. site
if choiceMode == 'seed' then redis.call('HSETNX', choiceKey, id, choiceValue)
elseif choiceMode == 'set' then redis.call('HSET', choiceKey, id, choiceValue) end

local status
if kind == 'staff' then
  -- Gone everywhere: forget the pick, the next first socket starts from the stored availability.
  if total('staff', id) <= 0 then redis.call('HDEL', choiceKey, id) end
  status = staffStatus(id)
else
  status = total('visitor', id) > 0 and 'online' or 'offline'
end

local lastKey = K .. 'last:' .. site
local field = kind .. ':' .. id
if (redis.call('HGET', lastKey, field) or 'offline') ~= status then
  if status == 'offline' then redis.call('HDEL', lastKey, field) else redis.call('HSET', lastKey, field, status) end
  local payload = cjson.encode({ kind = 'presence', entry = { actor = { kind = kind, id = id }, status = status } })
  redis.call('PUBLISH', chanSiteStaff, payload)
  if chanActor ~= '' then redis.call('PUBLISH', chanActor, payload) end
end

local summary = redis.call('HGET', lastKey, '*') or 'offline'
if kind == 'staff' then
  local rank, best = { online = 1, busy = 2, away = 3 }, 'offline'
  for _, who in ipairs(connectedStaff()) do
    local s = staffStatus(who)
    if rank[s] and (best == 'offline' or rank[s] < rank[best]) then best = s end
  end
  if best ~= summary then
    summary = best
    redis.call('HSET', lastKey, '*', summary)
    redis.call('PUBLISH', chanSiteVisitors, cjson.encode({ kind = 'availability', status = summary }))
  end
end
redis.call('PEXPIRE', lastKey, keyTtl)
return { status, summary }
`;

/** ARGV: K, site, onlyVisitor ('' = all). Returns a flat list: kind, id, status, kind, id, status, ... */
export const SNAPSHOT = `
local K, site, onlyVisitor = ARGV[1], ARGV[2], ARGV[3]
${COMMON}
local out = {}
for _, who in ipairs(connectedStaff()) do
  table.insert(out, 'staff'); table.insert(out, who); table.insert(out, staffStatus(who))
end
if onlyVisitor ~= '' then
  if total('visitor', onlyVisitor) > 0 then table.insert(out, 'visitor'); table.insert(out, onlyVisitor); table.insert(out, 'online') end
else
  local seen = {}
  for _, p in ipairs(procs) do
    for _, who in ipairs(redis.call('HKEYS', connKey(p, 'visitor'))) do
      if not seen[who] then seen[who] = true; table.insert(out, 'visitor'); table.insert(out, who); table.insert(out, 'online') end
    end
  end
end
return out
`;

/** ARGV: K, me, ttlMs. Marks this process alive until now + ttl. Returns 1 when it was not listed (new, or reaped). */
export const HEARTBEAT = `
local K, me, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3])
${NOW}
return redis.call('ZADD', K .. 'procs', now + ttl, me)
`;

/** ARGV: K. Ids of processes whose entry expired. */
export const EXPIRED = `
local K = ARGV[1]
${NOW}
return redis.call('ZRANGEBYSCORE', K .. 'procs', '-inf', '(' .. now)
`;

/**
 * ARGV: K, proc, force ('1': this process leaving). Removes a process and its sockets, once: only the
 * caller that removed its entry gets the list of actors it held (flat: site, kind, id, ...), so the
 * caller re-announces them (offline unless another process holds them). Not forced, a process that
 * refreshed its entry meanwhile is left alone.
 */
export const REAP = `
local K, proc, force = ARGV[1], ARGV[2], ARGV[3]
${NOW}
local score = redis.call('ZSCORE', K .. 'procs', proc)
if force ~= '1' and (not score or tonumber(score) >= now) then return {} end
redis.call('ZREM', K .. 'procs', proc)
local out = {}
local sitesKey = K .. 'sites:' .. proc
for _, site in ipairs(redis.call('SMEMBERS', sitesKey)) do
  for _, kind in ipairs({ 'visitor', 'staff' }) do
    local key = K .. 'conn:' .. proc .. ':' .. site .. ':' .. kind
    for _, who in ipairs(redis.call('HKEYS', key)) do
      table.insert(out, site); table.insert(out, kind); table.insert(out, who)
    end
    redis.call('DEL', key)
  end
end
redis.call('DEL', sitesKey)
return out
`;

/**
 * ARGV: K, me, keyTtlMs, site, kind, id, count. Sets one actor's socket count on this process to what
 * the process holds (0 removes it): after it was reaped while alive, or after Redis lost or missed changes.
 */
export const RESTORE = `
local K, me, keyTtl, site, kind, id, count = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
local key = K .. 'conn:' .. me .. ':' .. site .. ':' .. kind
if count > 0 then redis.call('HSET', key, id, count) else redis.call('HDEL', key, id) end
redis.call('PEXPIRE', key, keyTtl)
redis.call('SADD', K .. 'sites:' .. me, site)
redis.call('PEXPIRE', K .. 'sites:' .. me, keyTtl)
return 1
`;

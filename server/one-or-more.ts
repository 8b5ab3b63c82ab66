/**
 * A Map from keys to sets where nearly every set holds one member (a visitor's own bus topic, feed
 * listener, presence connection): that member is stored as it is and a Set is made only for a second
 * one. An idle visitor socket paid ~150 B of heap for each one-member Set (findings.md #19). Members
 * must not be Sets themselves, nor undefined.
 */
export type OneOrMore<T> = T | Set<T>;

export function addMember<K, T>(map: Map<K, OneOrMore<T>>, key: K, value: T): void {
  const at = map.get(key);
  if (at === undefined) map.set(key, value);
  else if (at instanceof Set) at.add(value);
  else if (at !== value) map.set(key, new Set([at, value]));
}

/** Takes `value` out of `key`'s members; the key goes with its last member. False when it was not there. */
export function removeMember<K, T>(map: Map<K, OneOrMore<T>>, key: K, value: T): boolean {
  const at = map.get(key);
  if (at === undefined) return false;
  if (!(at instanceof Set)) {
    if (at !== value) return false;
    map.delete(key);
    return true;
  }
  if (!at.delete(value)) return false;
  if (at.size === 0) map.delete(key);
  return true;
}

/** The members, as a copy (callers may add or remove members while going through it). */
export function membersOf<T>(at: OneOrMore<T> | undefined): T[] {
  if (at === undefined) return [];
  return at instanceof Set ? [...at] : [at];
}

import type { Store } from '../store/store.ts';

/**
 * Staff display names, read once and kept: every staff message and typing start names its author,
 * and a name is the same every time. Bounded (least recently used forgotten first). Staff records
 * have no rename today (the store only changes availability); whatever renames one must call
 * forget(id), so the next message carries the new name.
 */
export interface StaffNames {
  /** The staff member's name; undefined when there is no such staff member (not cached). */
  get(staffId: string): Promise<string | undefined>;
  /** The name if it is already known (no store read), else undefined: callers then await get(). */
  known(staffId: string): string | undefined;
  /**
   * known() or get() in one lookup: the name itself when it is known (no promise, so a caller on a hot
   * path awaits nothing), else the promise of get()'s read.
   */
  name(staffId: string): string | Promise<string | undefined>;
  forget(staffId: string): void;
}

export function createStaffNames(store: Store, max = 10_000): StaffNames {
  const names = new Map<string, string>();
  const known = (staffId: string): string | undefined => {
    const name = names.get(staffId);
    if (name !== undefined) {
      names.delete(staffId); // re-inserted: Map order is least recently used first
      names.set(staffId, name);
    }
    return name;
  };
  const read = async (staffId: string): Promise<string | undefined> => {
    const staff = await store.getStaff(staffId);
    if (!staff) return undefined;
    if (names.size >= max) names.delete(names.keys().next().value!);
    names.set(staffId, staff.name);
    return staff.name;
  };
  const name = (staffId: string): string | Promise<string | undefined> => known(staffId) ?? read(staffId);
  return {
    known,
    name,
    get: async (staffId) => name(staffId),
    forget: (staffId) => void names.delete(staffId),
  };
}

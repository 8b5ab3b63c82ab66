import type { StaffAvailability, StaffMember } from '../../protocol/index.ts';
import type { StaffRecord } from '../store/store.ts';

/** A member as the team list shows them: with their status (invited until a password is set). */
export function toMember(s: StaffRecord, availability: StaffAvailability): StaffMember {
  const status = s.deactivatedAt !== null ? 'deactivated' : s.passwordHash === '' ? 'invited' : 'active';
  return { id: s.id, siteId: s.siteId, email: s.email, name: s.name, role: s.role, availability, status };
}

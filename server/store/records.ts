import type { Attachment, Message } from '../../protocol/index.ts';
import { newId, newSiteKey } from './ids.ts';
import type { CannedResponse, NewMessage, NewSite, NewStaff, SiteRecord, StaffRecord } from './store.ts';

/**
 * New records as every dialect stores and returns them: ids, defaults and timestamps are decided
 * here, the dialect only writes the result. (Visitors are read back from their row instead.)
 */

export const newSiteRecord = (input: NewSite, now: number): SiteRecord => ({
  id: input.id ?? newId('site'),
  key: input.key ?? newSiteKey(),
  name: input.name,
  allowedOrigins: input.allowedOrigins,
  identitySecret: input.identitySecret,
  settings: input.settings ?? {},
  createdAt: now,
});

export const newStaffRecord = (input: NewStaff, now: number): StaffRecord => ({
  id: input.id ?? newId('stf'),
  siteId: input.siteId,
  email: input.email,
  name: input.name,
  role: input.role,
  passwordHash: input.passwordHash,
  availability: 'offline',
  createdAt: now,
  deactivatedAt: null,
});

export const newCannedResponse = (input: Omit<CannedResponse, 'id'> & { id?: string }): CannedResponse => ({
  id: input.id ?? newId('cnd'),
  siteId: input.siteId,
  shortcut: input.shortcut,
  text: input.text,
});

/** The message an append stores, as its message.created event and its ack carry it. */
export function appendedMessage(input: NewMessage, id: string, conversationId: string, seq: number, attachments: Attachment[]): Message {
  const message: Message = {
    id,
    conversationId,
    seq,
    clientId: input.clientId,
    author: input.author,
    text: input.text,
    attachments,
    note: input.note,
    deleted: false,
    createdAt: input.at,
  };
  if (input.authorName !== undefined) message.authorName = input.authorName;
  return message;
}

/** What a write that broke a constraint tells the caller, the same words on every dialect. */
export const Conflicts = {
  site: 'A site with this id or key already exists.',
  staff: 'A staff member with this email already exists on this site.',
  visitor: 'A visitor with this id or external id already exists.',
  externalId: 'Another visitor of this site has this external id.',
  canned: 'A canned response with this shortcut already exists.',
} as const;

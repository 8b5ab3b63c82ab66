import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Conversation, Message, VisitorSessionResponse } from '../protocol/index.ts';
import { applyEvent, sessionPatch } from './apply-event.ts';
import { preChatFirst } from './pre-chat-first.ts';
import { initialState, type WidgetState } from './state.ts';

const staff = { kind: 'staff', id: 's1' } as const;
const visitor = { kind: 'visitor', id: 'v1' } as const;
const msg = (seq: number, author: Message['author'], conversationId = 'c1'): Message => ({
  id: conversationId + ':' + seq,
  conversationId,
  seq,
  clientId: 'k' + seq,
  author,
  authorName: author.kind === 'staff' ? 'Anna' : undefined,
  text: 't' + seq,
  attachments: [],
  note: false,
  deleted: false,
  createdAt: seq,
});
const state = (p: Partial<WidgetState> = {}): WidgetState => ({ ...initialState(), conversationId: 'c1', ...p });
const created = (m: Message) => ({ kind: 'message.created', conversationId: m.conversationId, seq: m.seq, cursor: m.seq, message: m }) as const;

test('a staff message is added once, clears the typing indicator, and is reported as new', () => {
  const s = state({ typing: { name: 'Anna' } });
  const r = applyEvent(s, created(msg(3, staff)))!;
  assert.equal(r.added?.seq, 3);
  assert.equal(r.patch.typing, null);
  const again = applyEvent({ ...s, ...r.patch }, created(msg(3, staff)))!;
  assert.equal(again.added, undefined, 'a replayed duplicate is not new');
  assert.equal(again.patch.messages!.length, 1);
});

test('the first message from another tab adopts its conversation; another conversation only moves the list, unless this one is resolved', () => {
  const fresh = applyEvent(state({ conversationId: undefined }), created(msg(1, visitor, 'c9')))!;
  assert.equal(fresh.patch.conversationId, 'c9');
  // A staff reply elsewhere, or the visitor writing in another open conversation: this one stays, the list reloads.
  assert.deepEqual(applyEvent(state(), created(msg(1, staff, 'c9'))), { patch: { listVersion: 1 } });
  assert.deepEqual(applyEvent(state({ current: { status: 'open' } }), created(msg(1, visitor, 'c9'))), { patch: { listVersion: 1 } });
  // The visitor read another conversation (another tab), or staff deleted a message there: the list and its unread counts reload.
  assert.deepEqual(applyEvent(state(), { kind: 'read.moved', conversationId: 'c9', seq: 3, cursor: 3, reader: visitor, upTo: 2 }), { patch: { listVersion: 1 } });
  assert.deepEqual(applyEvent(state(), { kind: 'message.deleted', conversationId: 'c9', seq: 3, cursor: 3, messageId: 'c9:1', by: staff }), { patch: { listVersion: 1 } });
  assert.equal(applyEvent(state(), { kind: 'read.moved', conversationId: 'c9', seq: 3, cursor: 3, reader: staff, upTo: 2 }), null, "staff reading it changes no count of the visitor's");
  // This one is resolved (or unknown) and the visitor went on elsewhere: follow them.
  const moved = applyEvent(state({ messages: [msg(1, staff)], current: { status: 'resolved' } }), created(msg(1, visitor, 'c2')))!;
  assert.equal(moved.patch.conversationId, 'c2');
  assert.deepEqual(moved.patch.messages!.map((m) => m.id), ['c2:1']);
});

test('status and rating of the open conversation follow its events, each kept as a timeline entry', () => {
  const conv: Conversation = { id: 'c1', siteId: 's', visitorId: 'v', status: 'resolved', assigneeId: null, lastSeq: 4, lastActivityAt: 1, createdAt: 1, reads: [] };
  const resolve = { kind: 'conversation.updated', conversationId: 'c1', seq: 4, cursor: 4, conversation: conv, changes: { status: 'resolved' }, by: staff, byName: 'Ada' } as const;
  const resolved = applyEvent(state(), resolve)!;
  assert.deepEqual(resolved.patch.current, { status: 'resolved', rating: undefined });
  assert.deepEqual(resolved.patch.timeline, [resolve]);
  const rate = { kind: 'conversation.rated', conversationId: 'c1', seq: 5, cursor: 5, conversation: { ...conv, rating: { score: 4, ratedAt: 2 } }, rating: { score: 4, ratedAt: 2 }, by: visitor } as const;
  const rated = applyEvent({ ...state(), ...resolved.patch }, rate)!;
  assert.deepEqual(rated.patch.current, { status: 'resolved', rating: { score: 4, ratedAt: 2 } });
  assert.deepEqual(rated.patch.timeline, [resolve, rate]);
  const replayed = applyEvent({ ...state(), ...resolved.patch, ...rated.patch }, resolve)!;
  assert.deepEqual(replayed.patch.timeline, [resolve, rate], 'a replayed entry is kept once, in seq order');
  assert.equal(applyEvent(state(), { kind: 'conversation.updated', conversationId: 'other', seq: 1, cursor: 1, conversation: { ...conv, id: 'other' }, changes: { status: 'open' }, by: staff }), null);
});

test('read cursors only move forward, per side', () => {
  const s = state({ staffReadSeq: 5, visitorReadSeq: 2 });
  const read = (kind: 'staff' | 'visitor', upTo: number) =>
    applyEvent(s, { kind: 'read.moved', conversationId: 'c1', seq: 9, cursor: 9, reader: kind === 'staff' ? staff : visitor, upTo })!.patch;
  assert.deepEqual(read('staff', 7), { staffReadSeq: 7 });
  assert.deepEqual(read('staff', 3), { staffReadSeq: 5 });
  assert.deepEqual(read('visitor', 4), { visitorReadSeq: 4 });
});

test('staff typing shows the name the server put on the event, and guesses none', () => {
  const s = state({ messages: [msg(1, staff)] });
  assert.deepEqual(applyEvent(s, { kind: 'typing', conversationId: 'c1', actor: staff, typing: true })!.patch, { typing: { name: undefined } });
  assert.deepEqual(applyEvent(s, { kind: 'typing', conversationId: 'c1', actor: staff, name: 'Bo', typing: true })!.patch, { typing: { name: 'Bo' } });
  assert.deepEqual(applyEvent(s, { kind: 'typing', conversationId: 'c1', actor: staff, typing: false })!.patch, { typing: null });
  assert.equal(applyEvent(s, { kind: 'typing', conversationId: 'c1', actor: visitor, typing: true }), null);
});

test('a session picks the most recently active conversation and its read cursors', () => {
  const conv = (id: string, lastActivityAt: number, reads: { reader: Message['author']; seq: number }[] = []) =>
    ({ id, siteId: 's', visitorId: 'v1', status: 'open', assigneeId: null, lastSeq: 9, lastActivityAt, createdAt: 0, reads }) as const;
  const res = {
    visitorToken: 'tok',
    expiresAt: 0,
    visitor: { id: 'v1', siteId: 's', identified: false, label: 'Blue Otter', context: {}, firstSeenAt: 0, lastSeenAt: 0 },
    site: { key: 'k', name: 'Acme', settings: { preChatEmail: true } },
    conversations: [conv('old', 1), conv('new', 5, [{ reader: staff, seq: 4 }, { reader: visitor, seq: 6 }])],
  } as unknown as VisitorSessionResponse;
  const p = sessionPatch(state({ conversationId: undefined }), res, false);
  // The pre-chat form is for a first chat only: never over conversations the visitor already has.
  assert.deepEqual([p.conversationId, p.staffReadSeq, p.visitorReadSeq, p.emailGiven, p.token], ['new', 4, 6, true, 'tok']);
  assert.equal(sessionPatch(state({ conversationId: undefined }), { ...res, conversations: [] }, false).emailGiven, false, 'a first chat is asked');
  assert.equal(sessionPatch(state({ conversationId: undefined }), { ...res, conversations: [] }, true).emailGiven, true, 'unless an address was left before');
  assert.equal(sessionPatch(state({ conversationId: undefined }), { ...res, conversations: [] }, false).conversationId, undefined);
});

test('site.updated replaces what the widget shows of the site: greeting, accent, launcher, all at once', () => {
  const s = state({ site: { key: 'k', name: 'Acme', settings: { greeting: 'Old' } } });
  const site = { key: 'k', name: 'Acme Shop', settings: { greeting: 'New', color: '#1d4ed8', launcherLabel: 'Chat with us' }, email: true };
  assert.deepEqual(applyEvent(s, { kind: 'site.updated', site })!.patch, { site });
});

test('the pre-chat form: always until an address is given, "offline" only while nobody is available and before writing', () => {
  const site = (preChatEmail: unknown) => ({ key: 'k', name: 'Acme', settings: { preChatEmail } }) as WidgetState['site'];
  const ready = { phase: 'ready' as const, emailGiven: false, availability: 'online' as const };
  assert.equal(preChatFirst(state({ ...ready, site: site('always') })), true);
  assert.equal(preChatFirst(state({ ...ready, site: site(true) })), true, 'sites saved before the modes');
  assert.equal(preChatFirst(state({ ...ready, site: site('always'), emailGiven: true })), false);
  for (const off of ['off', false, undefined]) assert.equal(preChatFirst(state({ ...ready, site: site(off) })), false, String(off));
  assert.equal(preChatFirst(state({ ...ready, site: site('offline') })), false, 'someone is online: write at once');
  assert.equal(preChatFirst(state({ ...ready, site: site('offline'), availability: 'away' })), true);
  const wrote = [{ id: 'm', author: visitor } as unknown as Message];
  assert.equal(preChatFirst(state({ ...ready, site: site('offline'), availability: 'away', messages: wrote })), false, 'a conversation under way is not interrupted');
  assert.equal(preChatFirst(state({ ...ready, site: site('always'), phase: 'starting' })), false);
});

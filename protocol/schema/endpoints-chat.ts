import Type from 'typebox';
import { Routes } from '../rest.ts';
import { CreateCannedRequest } from './canned.ts';
import { HistoryQuery, IdParams, InboxQuery, MessageParams, PresenceQuery, RateRequest, ReadRequest, SearchQuery, SendMessageRequest, UpdateConversationRequest } from './conversations.ts';
import { Id } from './common.ts';
import type { Endpoint } from './endpoint.ts';
import { AttachmentRecord, CannedRecord, ConversationRecord, InboxItemRecord, MessageRecord, Ok, page, PresenceRecord, SeqResult, SitePublicRecord, VisitorRecord } from './records.ts';
import { VisitorSessionRequest } from './sessions.ts';
import { IdentifyVisitorRequest } from './integrations.ts';

/** The chat routes: what the widget, the dashboard and integrations read and write. */
export const chatEndpoints: Endpoint[] = [
  {
    method: 'post', path: Routes.visitorSession, tag: 'Visitors', auth: 'none',
    summary: 'Open a visitor session (anonymous, returning or identified)',
    description: 'The widget\'s first call. An expired or foreign `visitorToken` starts a new anonymous visitor; a `userToken` that fails verification is an error. A site with `requireConsent` creates no new visitor without `consent: true` (`consent_required`).',
    body: VisitorSessionRequest,
    response: { status: 200, description: 'the visitor token and the visitor\'s conversations', schema: Type.Object({ visitorToken: Type.String(), expiresAt: Type.Integer(), visitor: VisitorRecord, site: SitePublicRecord, conversations: Type.Array(ConversationRecord) }) },
    errors: ['not_found', 'origin_not_allowed', 'rate_limited', 'token_expired', 'blocked', 'pow_required', 'consent_required'],
    example: { body: { siteKey: '{siteKey}', context: { url: 'https://shop.example/cart', title: 'Cart', language: 'en', attributes: { plan: 'pro' } } } },
  },
  {
    method: 'get', path: Routes.conversations, tag: 'Conversations', auth: 'any',
    summary: 'List conversations: the inbox (staff) or the visitor\'s own',
    query: InboxQuery,
    response: { status: 200, description: 'a page of inbox rows, newest activity first', schema: page(InboxItemRecord) },
    example: { query: { view: 'all', status: 'open', limit: '20' } },
  },
  {
    method: 'get', path: Routes.conversation, tag: 'Conversations', auth: 'any',
    summary: 'One conversation and its visitor', params: IdParams,
    response: { status: 200, description: 'the conversation', schema: Type.Object({ conversation: ConversationRecord, visitor: VisitorRecord }) },
    errors: ['not_found'],
  },
  {
    method: 'patch', path: Routes.conversation, tag: 'Conversations', auth: 'staff',
    summary: 'Change status, assignee, snooze, priority or labels', params: IdParams, body: UpdateConversationRequest,
    description: 'A snooze needs `snoozedUntil` (in the future); the conversation wakes by itself then. Priority and labels are staff-only (a `conversation.triaged` event).',
    response: { status: 200, description: 'the seq of the last event it committed', schema: SeqResult },
    errors: ['not_found'],
    example: { body: { status: 'pending' } },
  },
  {
    method: 'get', path: Routes.messages, tag: 'Messages', auth: 'any',
    summary: 'History by seq (notes only for staff)', params: IdParams, query: HistoryQuery,
    response: {
      status: 200,
      description: 'messages in seq order, and the timeline entries (status, assignment, snooze, rating, triage, identify) the page spans',
      schema: Type.Object({ messages: Type.Array(MessageRecord), hasMore: Type.Boolean(), timeline: Type.Array(Type.Object({ kind: Type.String(), seq: Type.Integer(), cursor: Type.Integer() })) }),
    },
    errors: ['not_found'],
    example: { query: { limit: '50' } },
  },
  {
    method: 'post', path: Routes.messages, tag: 'Messages', auth: 'any',
    summary: 'Send a message (idempotent on clientId)',
    description:
      'A resend with the same `clientId` answers the first result and creates nothing, exactly as the `message.send` frame. A visitor posting to `/conversations/new/messages` starts a new conversation; into a conversation resolved longer ago than the site\'s reopen window, the message starts a new one too (the answer\'s `conversationId` names it).',
    params: IdParams, body: SendMessageRequest,
    response: { status: 200, description: 'the stored message', schema: Type.Object({ messageId: Type.String(), conversationId: Type.String(), seq: Type.Integer(), createdAt: Type.Integer(), message: MessageRecord }) },
    errors: ['not_found', 'text_too_long', 'conflict', 'rate_limited'],
    example: { body: { clientId: '01HVEXAMPLE', text: 'Hello! How can we help?' } },
  },
  {
    method: 'delete', path: Routes.message, tag: 'Messages', auth: 'staff',
    summary: 'Delete a message (its text and files are gone for everyone)', params: MessageParams,
    response: { status: 200, description: 'the seq of the message.deleted event', schema: SeqResult },
    errors: ['not_found'],
  },
  {
    method: 'post', path: Routes.read, tag: 'Messages', auth: 'any',
    summary: 'Move the caller\'s read cursor', params: IdParams, body: ReadRequest,
    response: { status: 200, description: 'the caller\'s cursor after the call', schema: SeqResult },
    errors: ['not_found'],
    example: { body: { seq: 1 } },
  },
  {
    method: 'post', path: Routes.rating, tag: 'Conversations', auth: 'visitor',
    summary: 'Rate a resolved conversation (the visitor; 1 to 5, an optional comment)',
    description: 'One rating per conversation, changeable for `PARLEY_RATING_CHANGE_MINUTES` after it was first given. A site with `settings.ratings: false` refuses it.',
    params: IdParams, body: RateRequest,
    response: { status: 200, description: 'the seq of the conversation.rated event', schema: SeqResult },
    errors: ['not_found', 'conflict', 'forbidden'],
  },
  {
    method: 'get', path: Routes.visitor, tag: 'Visitors', auth: 'staff',
    summary: 'A visitor and their conversations', params: IdParams,
    response: { status: 200, description: 'the visitor', schema: Type.Object({ visitor: VisitorRecord, conversations: Type.Array(ConversationRecord) }) },
    errors: ['not_found'],
  },
  {
    method: 'post', path: Routes.visitors, tag: 'Visitors', auth: 'staff',
    summary: 'Make (or update) the visitor of one of your users, by your user id',
    description: 'For integrations: the same visitor a user JWT with this `sub` later resumes in the widget. An email given here counts as verified.',
    body: IdentifyVisitorRequest,
    response: { status: 201, description: 'made (201) or updated (200)', schema: Type.Object({ visitor: VisitorRecord, created: Type.Boolean() }) },
    example: { body: { externalId: 'user-4711', name: 'Ada Lovelace', email: 'ada@example.com' } },
  },
  {
    method: 'get', path: Routes.presence, tag: 'Presence', auth: 'any',
    summary: 'Who is online, in one conversation or across the site (staff)', query: PresenceQuery,
    response: { status: 200, description: 'presence entries', schema: Type.Object({ entries: Type.Array(PresenceRecord) }) },
  },
  {
    method: 'get', path: Routes.queue, tag: 'Presence', auth: 'staff',
    summary: 'Conversations waiting for an agent (automatic assignment), oldest first',
    description: 'Open conversations nobody is assigned to, in the order automatic assignment takes them: `waiting` counts all, `conversationIds` lists the first `PARLEY_QUEUE_LISTED`. Live: the `queue.changed` event.',
    response: { status: 200, description: 'the queue', schema: Type.Object({ waiting: Type.Integer({ minimum: 0 }), conversationIds: Type.Array(Id) }) },
  },
  {
    method: 'post', path: Routes.attachments, tag: 'Attachments', auth: 'any', bodyType: 'multipart',
    summary: 'Upload a file (multipart: `file`, optional `conversationId`)',
    body: Type.Object({ file: Type.String({ contentEncoding: 'binary', description: 'the file' }), conversationId: Type.Optional(Id) }),
    response: { status: 201, description: 'the stored attachment, to send with a message', schema: AttachmentRecord },
    errors: ['payload_too_large', 'unsupported_media_type', 'rate_limited', 'quota_exceeded', 'too_many_uploads'],
  },
  {
    method: 'get', path: Routes.attachment, tag: 'Attachments', auth: 'any',
    summary: 'Download a file (participants only): a token in the header, the staff cookie, or a signed link (POST /attachments/links)', params: IdParams,
    query: Type.Object({
      exp: Type.Optional(Type.String({ description: 'a signed link\'s expiry (unix seconds)' })),
      p: Type.Optional(Type.String({ description: 'who the signed link was made for' })),
      sig: Type.Optional(Type.String({ description: 'the link\'s signature; tokens are never taken in the URL' })),
    }),
    response: { status: 200, description: 'the bytes, with their sniffed type', contentType: 'application/octet-stream' },
    errors: ['not_found', 'token_expired'],
  },
  {
    method: 'get', path: Routes.search, tag: 'Conversations', auth: 'staff',
    summary: 'Full-text search over the site\'s messages', query: SearchQuery,
    response: { status: 200, description: 'hits with a highlighted snippet', schema: Type.Object({ hits: Type.Array(Type.Object({ conversationId: Type.String(), message: MessageRecord, snippet: Type.String() })) }) },
    example: { query: { q: 'refund' } },
  },
  {
    method: 'get', path: Routes.canned, tag: 'Canned responses', auth: 'staff',
    summary: 'The site\'s canned responses',
    response: { status: 200, description: 'canned responses', schema: Type.Object({ items: Type.Array(CannedRecord) }) },
  },
  {
    method: 'post', path: Routes.canned, tag: 'Canned responses', auth: 'staff',
    summary: 'Add a canned response', body: CreateCannedRequest,
    response: { status: 201, description: 'the stored canned response', schema: CannedRecord },
    errors: ['text_too_long'],
    example: { body: { shortcut: 'thanks', text: 'Thanks for reaching out!' } },
  },
  {
    method: 'delete', path: Routes.cannedItem, tag: 'Canned responses', auth: 'staff',
    summary: 'Delete a canned response', params: IdParams,
    response: { status: 200, description: 'deleted', schema: Ok },
    errors: ['not_found'],
  },
];

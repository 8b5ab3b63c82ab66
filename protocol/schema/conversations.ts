import Type from 'typebox';
import { FIELD_LIMITS as L } from '../limits.ts';
import { Closed, ConversationStatus, Id, NullableId, Seq } from './common.ts';

/** Path parameters: the conversation (`:id`) and the message (`:messageId`). */
export const IdParams = Closed({ id: Id });
export const MessageParams = Closed({ id: Id, messageId: Id });

/** GET /api/v1/conversations (staff: the inbox). The page size is capped at limits.maxPageSize. */
export const InboxQuery = Closed({
  view: Type.Optional(Type.Enum(['mine', 'unassigned', 'all'])),
  status: Type.Optional(ConversationStatus),
  /** "me", "unassigned" or a staff id; wins over `view`. */
  assignee: Type.Optional(Id),
  unread: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: L.searchQuery })),
  cursor: Type.Optional(Type.String({ maxLength: L.pageCursor })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
});
export type InboxQuery = Type.Static<typeof InboxQuery>;

/** PATCH /api/v1/conversations/:id, and the conversation.update frame's fields. */
export const UpdateConversationRequest = Closed({ status: Type.Optional(ConversationStatus), assigneeId: Type.Optional(NullableId) });
export type UpdateConversationRequest = Type.Static<typeof UpdateConversationRequest>;

/** GET /api/v1/conversations/:id/messages: a page of history by seq. */
export const HistoryQuery = Closed({
  before: Type.Optional(Seq),
  after: Type.Optional(Seq),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
});
export type HistoryQuery = Type.Static<typeof HistoryQuery>;

/** POST /api/v1/conversations/:id/messages: the same fields as the message.send frame. */
export const SendMessageRequest = Closed({
  clientId: Id,
  /** Trimmed, then at most limits.maxTextLength (text_too_long): the domain's rule, as over the WebSocket. */
  text: Type.String(),
  attachmentIds: Type.Optional(Type.Array(Id, { uniqueItems: true })),
  note: Type.Optional(Type.Boolean()),
});
export type SendMessageRequest = Type.Static<typeof SendMessageRequest>;

/** POST /api/v1/conversations/:id/read */
export const ReadRequest = Closed({ seq: Seq });

/** GET /api/v1/presence */
export const PresenceQuery = Closed({ conversationId: Type.Optional(Id) });

/** GET /api/v1/search */
export const SearchQuery = Closed({ q: Type.String({ minLength: 1, maxLength: L.searchQuery, pattern: '\\S', description: `a search query of 1 to ${L.searchQuery} characters` }) });

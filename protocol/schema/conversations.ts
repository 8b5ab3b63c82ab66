import Type from 'typebox';
import { FIELD_LIMITS as L } from '../limits.ts';
import { Closed, ConversationStatus, Id, Labels, Label, Millis, NullableId, Priority, Seq } from './common.ts';

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
  /** Only conversations with this label / this priority. */
  label: Type.Optional(Label),
  priority: Type.Optional(Priority),
  /** Only conversations of this team ("none": without a team). */
  team: Type.Optional(Id),
  /** `activity` (default): newest activity first; `priority`: most urgent first, then newest activity. */
  sort: Type.Optional(Type.Enum(['activity', 'priority'])),
  q: Type.Optional(Type.String({ maxLength: L.searchQuery })),
  cursor: Type.Optional(Type.String({ maxLength: L.pageCursor })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
});
export type InboxQuery = Type.Static<typeof InboxQuery>;

/** PATCH /api/v1/conversations/:id, and the conversation.update frame's fields. */
export const ConversationChangeFields = {
  status: Type.Optional(ConversationStatus),
  assigneeId: Type.Optional(NullableId),
  /** With status snoozed (or alone: snoozes): when it wakes by itself. In the future, at most PARLEY_MAX_SNOOZE_DAYS ahead. */
  snoozedUntil: Type.Optional(Millis),
  priority: Type.Optional(Priority),
  /** The whole new label set. */
  labels: Type.Optional(Labels),
  /** Move it to this team (null: none); an assignee who is not a member is unassigned, so it waits in the team's queue. */
  teamId: Type.Optional(NullableId),
};
export const UpdateConversationRequest = Closed(ConversationChangeFields);
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

/** POST /api/v1/conversations/:id/rating (visitor): 1 to 5, and an optional comment. */
export const RatingFields = {
  score: Type.Integer({ minimum: 1, maximum: 5, description: 'a whole number from 1 to 5' }),
  comment: Type.Optional(Type.String({ maxLength: L.ratingComment })),
};
export const RateRequest = Closed(RatingFields);
export type RateRequest = Type.Static<typeof RateRequest>;

/** POST /api/v1/conversations/:id/read */
export const ReadRequest = Closed({ seq: Seq });

/** GET /api/v1/presence */
export const PresenceQuery = Closed({ conversationId: Type.Optional(Id) });

/** GET /api/v1/search */
export const SearchQuery = Closed({ q: Type.String({ minLength: 1, maxLength: L.searchQuery, pattern: '\\S', description: `a search query of 1 to ${L.searchQuery} characters` }) });

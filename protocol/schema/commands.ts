import Type from 'typebox';
import { FIELD_LIMITS as L } from '../limits.ts';
import { Closed, Id, Seq, StaffAvailability } from './common.ts';
import { ConversationChangeFields, RatingFields } from './conversations.ts';
import { ContextUpdate } from './context.ts';

/*
 * Client commands: JSON text frames on /ws. Every command carries `id` (a correlation id the client
 * picks, unique per connection) and gets exactly one `ack` or one `error` with that id. Unknown fields
 * are refused so typos surface instead of being ignored.
 */
const command = <T extends string, P extends Parameters<typeof Type.Object>[0]>(type: T, properties: P) =>
  Closed({ type: Type.Literal(type), id: Id, ...properties });

/** Where a reconnecting client says it is. */
export const ResumePoint = Closed({
  /** Visitor: last seq held per conversation id. */
  conversations: Type.Optional(
    Type.Record(Type.String(), Seq, { propertyNames: { minLength: 1, maxLength: L.id }, description: 'conversation ids mapped to the last seq held' }),
  ),
  /** Staff: last site-wide cursor held. */
  cursor: Type.Optional(Seq),
});
export type ResumePoint = Type.Static<typeof ResumePoint>;

export const CommandSchemas = {
  hello: command('hello', { v: Type.Number({ description: 'the protocol version' }), /** Any length the frame allows: a token that is not one is `unauthorized` (a fatal close), not a shape error. */
    token: Type.String(), resume: Type.Optional(ResumePoint) }),
  ping: command('ping', {}),
  'message.send': command('message.send', {
    /**
     * Omitted by a visitor: their open conversation, created if none. Required for staff. A visitor
     * naming a resolved conversation reopens it within the site's reopen window; later the message
     * starts a new conversation (the ack's conversationId says which).
     */
    conversationId: Type.Optional(Id),
    /** Visitor only: start a new conversation with this message (conversationId must be absent). */
    newConversation: Type.Optional(Type.Boolean()),
    clientId: Id,
    /** Its length is the domain's to check (trimmed, limits.maxTextLength: text_too_long), as over REST. */
    text: Type.String(),
    attachmentIds: Type.Optional(Type.Array(Id, { uniqueItems: true })),
    /** Staff only: a private note the visitor never receives. */
    note: Type.Optional(Type.Boolean()),
  }),
  'message.delete': command('message.delete', { conversationId: Id, messageId: Id }),
  read: command('read', { conversationId: Id, seq: Seq }),
  typing: command('typing', { conversationId: Id, typing: Type.Boolean() }),
  'conversation.update': command('conversation.update', { conversationId: Id, ...ConversationChangeFields }),
  /** Visitor only: rate a resolved conversation (again, to change it, for a while). */
  'conversation.rate': command('conversation.rate', { conversationId: Id, ...RatingFields }),
  'presence.set': command('presence.set', { status: StaffAvailability }),
  /** Who is online: in one conversation (visitor and staff), or across the site (staff). */
  'presence.query': command('presence.query', { conversationId: Type.Optional(Id) }),
  'context.update': command('context.update', { context: ContextUpdate }),
  /**
   * Fill a hole (docs/protocol.md, Holes): the durable events after `after` up to `until` (inclusive;
   * omitted: one page). With `conversationId` the positions are that conversation's seqs (a visitor:
   * the events they may see); without, the site's cursors (staff only). The events come as ordinary
   * event frames before the ack, whose `upTo` says through which position the answer is complete.
   */
  'events.fetch': command('events.fetch', { after: Seq, until: Type.Optional(Seq), conversationId: Type.Optional(Id) }),
};

type Commands = typeof CommandSchemas;
export type ClientCommand = { [K in keyof Commands]: Type.Static<Commands[K]> }[keyof Commands];
export type ClientCommandType = ClientCommand['type'];
export const COMMAND_TYPES = Object.keys(CommandSchemas) as ClientCommandType[];

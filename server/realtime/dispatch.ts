import type { AckResults, ClientCommand, DurableEvent } from '../../protocol/index.ts';
import type { Domain } from '../domain/domain.ts';
import type { Principal } from '../domain/principal.ts';
import { fail } from '../errors.ts';

type Command = Exclude<ClientCommand, { type: 'hello' }>;

/**
 * One command of a ready connection -> one domain call -> the ack result. Errors are thrown
 * (ParleyError) and turned into exactly one error frame by the caller. The switch is exhaustive
 * over the protocol's command types, so adding a frame type without a handler fails to compile.
 * `onQueued` is passed to sendMessage (see connection.ts: pipelined staff sends); `ip` is the socket's
 * client address (the new-conversation limit per IP).
 */
export interface DispatchHooks {
  onQueued?: () => void;
  /** The socket's client IP (new-conversation limits per IP). */
  ip?: string;
  /** Writes events as event frames, before the ack (events.fetch), waiting for the socket to drain. */
  sendEvents(events: DurableEvent[]): Promise<void>;
}

export function dispatchCommand(
  domain: Domain,
  p: Principal,
  cmd: Command,
  now: () => number,
  hooks: DispatchHooks,
): Promise<AckResults[Command['type']]> {
  // The hot command hands back the domain's own promise: no async wrapper (and its extra turns) around it.
  if (cmd.type === 'message.send') {
    return domain.sendMessage(p, {
      conversationId: cmd.conversationId,
      newConversation: cmd.newConversation,
      clientId: cmd.clientId,
      text: cmd.text,
      attachmentIds: cmd.attachmentIds,
      note: cmd.note,
      ip: hooks.ip,
    }, hooks.onQueued);
  }
  return dispatchOther(domain, p, cmd, now, hooks);
}

async function dispatchOther(
  domain: Domain,
  p: Principal,
  cmd: Exclude<Command, { type: 'message.send' }>,
  now: () => number,
  hooks: DispatchHooks,
): Promise<AckResults[Command['type']]> {
  switch (cmd.type) {
    case 'ping':
      return { t: now() };
    case 'message.delete':
      return domain.deleteMessage(p, cmd.conversationId, cmd.messageId);
    case 'read':
      return domain.markRead(p, cmd.conversationId, cmd.seq);
    case 'typing':
      await domain.setTyping(p, cmd.conversationId, cmd.typing);
      return {};
    case 'conversation.update':
      return domain.updateConversation(p, cmd.conversationId, {
        status: cmd.status,
        assigneeId: cmd.assigneeId,
        snoozedUntil: cmd.snoozedUntil,
        priority: cmd.priority,
        labels: cmd.labels,
        teamId: cmd.teamId,
      });
    case 'conversation.rate':
      return domain.rateConversation(p, cmd.conversationId, { score: cmd.score, comment: cmd.comment });
    case 'presence.set':
      await domain.setAvailability(p, cmd.status);
      return { status: cmd.status };
    case 'presence.query':
      return { entries: await domain.queryPresence(p, cmd.conversationId) };
    case 'context.update':
      await domain.updateContext(p, cmd.context);
      return {};
    case 'events.fetch': {
      const { events, upTo } = await domain.fetchEvents(p, { after: cmd.after, until: cmd.until, conversationId: cmd.conversationId });
      await hooks.sendEvents(events);
      return { upTo };
    }
    default: {
      const never: never = cmd;
      return fail('unknown_type', `Unknown frame type "${(never as { type: string }).type}".`);
    }
  }
}

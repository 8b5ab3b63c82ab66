import type { ClientError } from './api.ts';
import type { ClientCommand, ClientCommandType } from '../protocol/index.ts';
import { clientError } from './errors.ts';

/** A command before it gets its correlation id. */
export type Command = ClientCommand extends infer C ? (C extends { id: string } ? Omit<C, 'id'> : never) : never;

/**
 * Commands that may be sent twice with the same effect, so a request whose socket dropped before
 * the ack is resent on the next connection instead of rejected. message.send is idempotent by
 * clientId; `read` only moves a cursor forward; updates and presence set a value.
 */
const IDEMPOTENT: ReadonlySet<ClientCommandType> = new Set<ClientCommandType>([
  'message.send',
  'read',
  'conversation.update',
  'presence.set',
  'presence.query',
  'context.update',
]);

/** Called synchronously with the answer, so frames that follow an ack see its effects. */
export type Answer = (error: ClientError | undefined, result?: unknown) => void;

interface Entry {
  cmd: Command;
  answer: Answer;
  /** Resend after a reconnect instead of rejecting. */
  resend: boolean;
  /** Correlation id of the frame in flight; undefined while queued. */
  wireId?: string;
}

/** Sends one frame on the current socket; false when there is none. */
export type SendFrame = (frame: ClientCommand) => boolean;

/**
 * Correlation ids and the pending-request table. Every entry is settled exactly once: by its ack,
 * its error, a disconnect (unless it is resent), or rejectAll. Late or duplicate acks find no
 * entry and are ignored.
 */
export function createRequests(nextId: () => string) {
  const queued: Entry[] = [];
  const inFlight = new Map<string, Entry>();

  const transmit = (entry: Entry, send: SendFrame) => {
    const id = nextId();
    entry.wireId = id;
    inFlight.set(id, entry);
    // A failed send leaves it in flight: the disconnect that follows settles or requeues it.
    send({ ...entry.cmd, id } as ClientCommand);
  };


  return {
    /** Queue a command until flush(); idempotent ones survive disconnects. */
    enqueue(cmd: Command): Promise<unknown> {
      return new Promise((resolve, reject) => {
        queued.push({ cmd, resend: IDEMPOTENT.has(cmd.type), answer: (err, result) => (err ? reject(err) : resolve(result)) });
      });
    },
    /** Send right away on this socket (hello, ping, outbox sends); never resent by this table. */
    sendNow(cmd: Command, send: SendFrame, answer: Answer): void {
      transmit({ cmd, resend: false, answer }, send);
    },
    /** Send every queued command, oldest first. */
    flush(send: SendFrame) {
      for (const entry of queued.splice(0)) transmit(entry, send);
    },
    /** An ack (error undefined) or error frame for `id`. Returns false when nothing was waiting. */
    settle(id: string, result: unknown, error?: ClientError): boolean {
      const entry = inFlight.get(id);
      if (!entry) return false;
      inFlight.delete(id);
      entry.answer(error, result);
      return true;
    },
    /** The socket is gone: resendable commands go back to the front of the queue, in order. */
    disconnected() {
      const back: Entry[] = [];
      for (const entry of inFlight.values()) {
        entry.wireId = undefined;
        if (entry.resend) back.push(entry);
        else entry.answer(clientError('disconnected', 'The connection was lost before the server answered.'));
      }
      inFlight.clear();
      queued.unshift(...back);
    },
    rejectAll(error: ClientError) {
      const all = [...inFlight.values(), ...queued.splice(0)];
      inFlight.clear();
      for (const entry of all) entry.answer(error);
    },
    get size() {
      return queued.length + inFlight.size;
    },
  };
}

export type Requests = ReturnType<typeof createRequests>;

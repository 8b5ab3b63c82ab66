/**
 * What a load generator needs from a chat server, whatever its protocol. One adapter per server
 * (parley.ts, socketio.ts); generators only ever talk to these interfaces, so both servers are
 * driven by exactly the same code and schedule.
 */
export interface TargetInfo {
  kind: 'parley' | 'socketio';
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** Several processes of one deployment (a cluster): client i connects to baseUrls[i % n], as a load balancer would spread them. */
  baseUrls?: string[];
  /** Parley: the site visitors belong to, an origin it allows, and staff credentials. */
  siteKey?: string;
  siteOrigin?: string;
  staff?: { email: string; password: string }[];
}

export interface ClientOptions {
  /** Source address (127.0.0.x) so many sockets do not exhaust one address's ephemeral ports. */
  localAddress?: string;
}

/** Called for every chat message a client receives (its text, as sent). */
export type TextHandler = (text: string) => void;

export interface VisitorClient {
  /** Where staff reply to this visitor: a conversation id (Parley) or a user id (Socket.IO). */
  readonly address: string;
  /** Resolves once the visitor has a conversation staff can reply to (Parley: the first message is acked). */
  openConversation(firstText: string): Promise<string>;
  send(text: string): void;
  /** Abrupt loss of the connection (no close handshake), as when a network drops. */
  drop(): void;
  /** Connects again and resumes; resolves when live again (Parley: hello acked and replay received). */
  reconnect(): Promise<{ replayed: number }>;
  close(): void;
  /** Error frames received (rate limits, validation, ...), by code. */
  readonly errors: Map<string, number>;
}

export interface StaffClient {
  send(address: string, text: string): void;
  /** False once the socket closed (e.g. the server cut it off as a slow consumer). */
  isOpen(): boolean;
  close(): void;
  readonly errors: Map<string, number>;
}

export interface Adapter {
  /** A new visitor identity: a token from the server's session/login endpoint. */
  visitorToken(index: number): Promise<string>;
  /** Connects a visitor, with a token from visitorToken (fetched here when omitted). */
  visitor(index: number, opts: ClientOptions, onText: TextHandler, token?: string): Promise<VisitorClient>;
  staff(index: number, opts: ClientOptions, onText: TextHandler): Promise<StaffClient>;
}

export const countError = (errors: Map<string, number>, code: string) => errors.set(code, (errors.get(code) ?? 0) + 1);

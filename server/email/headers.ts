import { newId } from '../store/ids.ts';
import { base32 } from './keys.ts';

/**
 * The headers that make Parley's emails thread and behave. Every email of a conversation refers to the
 * conversation's own root id, so mail clients show them as one thread; Reply-To is the signed address
 * that brings a reply back into the conversation; Auto-Submitted tells auto-responders not to answer;
 * List-Unsubscribe (with RFC 8058 one-click) lets mail clients offer "unsubscribe".
 */
export interface HeaderInput {
  replyDomain: string;
  from: string;
  conversationId: string | null;
  replyTo?: string;
  unsubscribeUrl?: string;
}

export function emailHeaders(input: HeaderInput): { id: string; headers: Record<string, string> } {
  const id = newId('eml');
  const headers: Record<string, string> = {
    From: input.from,
    'Message-ID': `<${id}@${input.replyDomain}>`,
    'Auto-Submitted': 'auto-generated',
  };
  if (input.conversationId) {
    // base32: conversation ids are case-sensitive, and some mail systems fold case.
    const root = `<conversation.${base32(Buffer.from(input.conversationId))}@${input.replyDomain}>`;
    headers['In-Reply-To'] = root;
    headers.References = root;
  }
  if (input.replyTo) headers['Reply-To'] = input.replyTo;
  if (input.unsubscribeUrl) {
    headers['List-Unsubscribe'] = `<${input.unsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return { id, headers };
}

import type { Message } from '../../protocol/index.ts';
import type { Store } from '../store/store.ts';

const PAGE = 100;

/**
 * The messages written after `afterSeq` (notes included when asked), oldest first, up to a cap: an
 * email quotes the last few hundred at most.
 */
export async function messagesAfter(store: Store, conversationId: string, afterSeq: number, includeNotes: boolean, cap = 300): Promise<Message[]> {
  const out: Message[] = [];
  let after = afterSeq;
  while (out.length < cap) {
    const page = await store.history(conversationId, { after, limit: PAGE, includeNotes });
    out.push(...page.messages);
    if (!page.hasMore || page.messages.length === 0) break;
    after = page.messages[page.messages.length - 1].seq;
  }
  return out.filter((m) => !m.deleted);
}

/** The last `n` messages before `beforeSeq` (no notes), for the context an email shows. */
export async function messagesBefore(store: Store, conversationId: string, beforeSeq: number, n: number): Promise<Message[]> {
  const page = await store.history(conversationId, { before: beforeSeq, limit: n, includeNotes: false });
  return page.messages.filter((m) => !m.deleted);
}

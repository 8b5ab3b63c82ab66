import type { DurableEvent } from '../../../protocol/index.ts';
import { ParleyError } from '../../errors.ts';
import { ratingChange, type RatingColumns, type RatingInput } from '../rating-rules.ts';
import { q1, tx, type Pg } from './db.ts';
import { loadConversation } from './conversations.ts';
import { EVENT_SNAPSHOT } from '../snapshot.ts';
import { insertEvent, lockCounters, nextSeq } from './events.ts';

/** Store.rateConversation, as on SQLite (sqlite/rating.ts). */
export function rateConversation(db: Pg, input: RatingInput): Promise<DurableEvent | null> {
  return tx(db.pool, async (c) => {
    const site = await q1<{ site_id: string }>(c, 'SELECT site_id FROM conversations WHERE id = $1', [input.conversationId]);
    if (!site) throw new ParleyError('not_found', 'Unknown conversation.');
    await lockCounters(c, [site.site_id]);
    const row = (await q1<RatingColumns>(c, 'SELECT status, rating_score, rating_comment, rated_at, rating_changed_at FROM conversations WHERE id = $1 FOR UPDATE', [
      input.conversationId,
    ]))!;
    const change = ratingChange(row, input);
    if (!change) return null;
    await c.query('UPDATE conversations SET rating_score = $2, rating_comment = $3, rated_at = $4, rating_changed_at = $5 WHERE id = $1', [
      input.conversationId,
      input.score,
      input.comment,
      change.firstAt,
      input.at,
    ]);
    const at = await nextSeq(c, input.conversationId, true);
    const conversation = (await loadConversation(c, input.conversationId, EVENT_SNAPSHOT))!;
    const event: DurableEvent = { kind: 'conversation.rated', conversationId: input.conversationId, ...at, cursor: 0, rating: conversation.rating!, conversation, by: input.by };
    if (input.byName !== undefined) event.byName = input.byName;
    return insertEvent(c, site.site_id, event, true, input.at);
  });
}

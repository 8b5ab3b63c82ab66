import type { DurableEvent } from '../../../protocol/index.ts';
import { ParleyError } from '../../errors.ts';
import { ratingChange, type RatingInput } from '../rating-rules.ts';
import type { Db } from './db.ts';
import { getConversation, getConversationRow } from './conversations.ts';
import { EVENT_SNAPSHOT } from '../snapshot.ts';
import { insertEvent, nextSeq, takeCursor } from './events.ts';

/** Store.rateConversation (rules: ../rating-rules.ts). One transaction; the event is visible to the visitor. */
export function rateConversation(db: Db, input: RatingInput): DurableEvent | null {
  return db.raw.transaction((): DurableEvent | null => {
    db.conversations.forget(input.conversationId);
    const row = getConversationRow(db, input.conversationId);
    if (!row) throw new ParleyError('not_found', 'Unknown conversation.');
    const change = ratingChange(row, input);
    if (!change) return null;
    db.st('UPDATE conversations SET rating_score = ?, rating_comment = ?, rated_at = ?, rating_changed_at = ? WHERE id = ?').run(
      input.score,
      input.comment,
      change.firstAt,
      input.at,
      row.id,
    );
    const at = nextSeq(db, row.id, true);
    const conversation = getConversation(db, row.id, EVENT_SNAPSHOT)!;
    const event: DurableEvent = { kind: 'conversation.rated', conversationId: row.id, ...at, cursor: takeCursor(db, row.site_id), rating: conversation.rating!, conversation, by: input.by };
    if (input.byName !== undefined) event.byName = input.byName;
    return insertEvent(db, row.site_id, event, true, input.at);
  })();
}

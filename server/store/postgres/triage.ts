import type { DurableEvent } from '../../../protocol/index.ts';
import { ParleyError } from '../../errors.ts';
import { priorityRank, triageChange, type TriageInput } from '../triage-rules.ts';
import { q1, tx, type Pg } from './db.ts';
import { insertEvent, lockCounters, nextSeq } from './events.ts';

/** Store.setTriage, as on SQLite (sqlite/triage.ts); labels are a JSONB array. */
export function setTriage(db: Pg, input: TriageInput): Promise<DurableEvent | null> {
  return tx(db.pool, async (c) => {
    const site = await q1<{ site_id: string }>(c, 'SELECT site_id FROM conversations WHERE id = $1', [input.conversationId]);
    if (!site) throw new ParleyError('not_found', 'Unknown conversation.');
    await lockCounters(c, [site.site_id]);
    const row = (await q1<{ priority: number; labels: string[] }>(c, 'SELECT priority, labels FROM conversations WHERE id = $1 FOR UPDATE', [input.conversationId]))!;
    const change = triageChange({ priority: row.priority, labels: row.labels ?? [] }, input);
    if (!change) return null;
    await c.query('UPDATE conversations SET priority = $2, labels = $3::jsonb WHERE id = $1', [input.conversationId, priorityRank(change.priority), JSON.stringify(change.labels)]);
    const event: DurableEvent = {
      kind: 'conversation.triaged',
      conversationId: input.conversationId,
      ...(await nextSeq(c, input.conversationId, false)),
      cursor: 0,
      priority: change.priority,
      labels: change.labels,
      changes: change.changes,
      by: input.by,
    };
    if (input.byName !== undefined) event.byName = input.byName;
    return insertEvent(c, site.site_id, event, false, input.at);
  });
}

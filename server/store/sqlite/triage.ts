import type { DurableEvent } from '../../../protocol/index.ts';
import { ParleyError } from '../../errors.ts';
import { parseLabels, priorityRank, triageChange, type TriageInput } from '../triage-rules.ts';
import type { Db } from './db.ts';
import { getConversationRow } from './conversations.ts';
import { insertEvent, nextSeq, takeCursor } from './events.ts';

/**
 * Store.setTriage: priority and labels, staff-only (the event has no visible seq, and visitor reads
 * never carry them: a label like "angry" is not for the visitor's eyes).
 */
export function setTriage(db: Db, input: TriageInput): DurableEvent | null {
  return db.raw.transaction((): DurableEvent | null => {
    db.conversations.forget(input.conversationId);
    const row = getConversationRow(db, input.conversationId);
    if (!row) throw new ParleyError('not_found', 'Unknown conversation.');
    const change = triageChange({ priority: row.priority, labels: parseLabels(row.labels as string) }, input);
    if (!change) return null;
    db.st('UPDATE conversations SET priority = ?, labels = ? WHERE id = ?').run(priorityRank(change.priority), JSON.stringify(change.labels), row.id);
    const event: DurableEvent = {
      kind: 'conversation.triaged',
      conversationId: row.id,
      ...nextSeq(db, row.id, false),
      cursor: takeCursor(db, row.site_id),
      priority: change.priority,
      labels: change.labels,
      changes: change.changes,
      by: input.by,
    };
    if (input.byName !== undefined) event.byName = input.byName;
    return insertEvent(db, row.site_id, event, false, input.at);
  })();
}

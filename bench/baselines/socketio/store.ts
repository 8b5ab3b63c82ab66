import Database from 'better-sqlite3';

/**
 * The baseline's persistence, as the seed documents do it: one INSERT per message, each its own
 * autocommit transaction. Same durability as Parley (WAL + synchronous=NORMAL) so the comparison
 * measures the design, not the fsync policy.
 */
export interface BaselineStore {
  saveMessage(m: { chatId: string; senderId: string; senderRole: string; content: string; createdAt: number }): number;
  close(): void;
}

export function openBaselineStore(file: string): BaselineStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS messages (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      chat_id TEXT NOT NULL,
      sender_id TEXT NOT NULL,
      sender_role TEXT NOT NULL,
      content TEXT NOT NULL,
      is_read INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS messages_chat ON messages (chat_id, id);
  `);
  const insert = db.prepare(
    'INSERT INTO messages (chat_id, sender_id, sender_role, content, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  return {
    saveMessage: (m) => Number(insert.run(m.chatId, m.senderId, m.senderRole, m.content, m.createdAt).lastInsertRowid),
    close: () => db.close(),
  };
}

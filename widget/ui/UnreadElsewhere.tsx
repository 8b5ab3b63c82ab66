import { useEffect } from 'preact/hooks';
import type { Controller } from '../controller.ts';
import type { WidgetState } from '../state.ts';
import { fetchConversations } from '../conversation-list.ts';
import { partText } from '../part-strings.ts';
import { unreadById, unreadElsewhere } from '../unread-elsewhere.ts';
import { Sheet } from './Sheet.tsx';

/**
 * Beside the header's conversations button (Panel.tsx, once the thread's lazy chunk is in): the count
 * of unread replies in the visitor's other conversations (unread-elsewhere.ts), as a badge on the
 * button's corner and as a polite live region (role=status) that a screen reader announces when it
 * changes; the button takes that sentence as its description (aria-describedby="parley-elsewhere").
 * The counts are the server's, kept in the store (so a panel closed and opened again asks only if
 * something moved): fetched again when a message or the visitor's read cursor moves in another
 * conversation (listVersion), when another conversation is opened, and with a new token.
 */
// A zero-width box at the button's end edge, as tall as the button: the launcher's .badge hangs on its corner.
const CSS = `.elsewhere{position:relative;width:0;height:36px;margin-inline-start:-12px;pointer-events:none}`;

export function UnreadElsewhere({ s, ctrl }: { s: WidgetState; ctrl: Controller }) {
  const key = s.token + ' ' + s.listVersion + ' ' + s.conversationId;
  useEffect(() => {
    if (ctrl.store.get().unreadElsewhere?.key === key) return;
    let live = true;
    fetchConversations(ctrl.options.apiBase, s.token).then((list) => live && ctrl.store.set({ unreadElsewhere: { key, unread: unreadById(list) } }), noop);
    return () => void (live = false);
  }, [key]);
  // Until the new counts are in, the ones held, less the conversation now open: opening it clears its share at once.
  const n = unreadElsewhere(s.unreadElsewhere?.unread || {}, s.conversationId);
  return (
    <span class="elsewhere" id="parley-elsewhere" role="status" data-testid="parley-elsewhere">
      <Sheet css={CSS} />
      {n > 0 && (
        <>
          <span class="badge" aria-hidden="true">
            {n > 99 ? '99+' : n}
          </span>
          <span class="sr">{partText('lifecycle')('unreadElsewhere', { n })}</span>
        </>
      )}
    </span>
  );
}

function noop() {}

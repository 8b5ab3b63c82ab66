import { useEffect, useState } from 'preact/hooks';
import type { Workspace } from '../app/workspace.ts';
import { t } from '../i18n/index.ts';
import { ConfirmAction } from './ConfirmAction.tsx';
import { ActionStatusText, useAction } from './use-action.tsx';

/**
 * "Block this visitor": for a site under attack by one person. Asks in place (ConfirmAction), then
 * blocks the visitor and the address their latest session came from (POST /visitors/:id/block); their
 * open chat closes and no new one opens from there. Lifted again through the API (DELETE /blocks/:id).
 */
export function BlockVisitor({ ws, visitorId }: { ws: Workspace; visitorId: string }) {
  const [blocked, setBlocked] = useState(false);
  const { busy, status, setStatus, run } = useAction();
  useEffect(() => {
    setBlocked(false);
    setStatus(null);
  }, [visitorId]);
  // "Blocked" in place of the button is the confirmation; a refusal shows below it.
  const block = () => void run(async () => (await ws.api.blockVisitor(visitorId, true), setBlocked(true)));
  if (blocked) {
    return (
      <p class="muted" role="status" data-testid="visitor-blocked">
        {t('visitor.blocked')}
      </p>
    );
  }
  return (
    <div class="block-visitor">
      <ConfirmAction class="btn-link" question={t('visitor.blockConfirm')} confirmLabel={t('visitor.blockYes')} disabled={busy} onConfirm={block} testId="block-visitor">
        {t('visitor.block')}
      </ConfirmAction>
      <ActionStatusText status={status} testId="block-visitor-status" />
    </div>
  );
}

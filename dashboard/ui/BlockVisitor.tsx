import { useEffect, useState } from 'preact/hooks';
import type { Workspace } from '../app/workspace.ts';
import { t } from '../i18n/index.ts';
import { errorText } from '../i18n/error-text.ts';

/**
 * "Block this visitor": for a site under attack by one person. Asks once, then blocks the visitor and
 * the address their latest session came from (POST /visitors/:id/block); their open chat closes and no
 * new one opens from there. Lifted again through the API (DELETE /blocks/:id).
 */
export function BlockVisitor({ ws, visitorId }: { ws: Workspace; visitorId: string }) {
  const [phase, setPhase] = useState<'idle' | 'confirm' | 'busy' | 'done' | 'failed'>('idle');
  const [error, setError] = useState('');
  useEffect(() => setPhase('idle'), [visitorId]);
  const block = () => {
    setPhase('busy');
    ws.api.blockVisitor(visitorId, true).then(
      () => setPhase('done'),
      (e: unknown) => {
        setError(errorText(e));
        setPhase('failed');
      },
    );
  };
  if (phase === 'done') {
    return (
      <p class="muted" role="status" data-testid="visitor-blocked">
        {t('visitor.blocked')}
      </p>
    );
  }
  return (
    <div class="block-visitor">
      {phase === 'confirm' || phase === 'busy' ? (
        <>
          <p>{t('visitor.blockConfirm')}</p>
          <button type="button" class="btn btn-danger" data-testid="block-confirm" disabled={phase === 'busy'} onClick={block}>
            {t('visitor.blockYes')}
          </button>{' '}
          <button type="button" class="btn-link" onClick={() => setPhase('idle')}>
            {t('common.cancel')}
          </button>
        </>
      ) : (
        <button type="button" class="btn-link" data-testid="block-visitor" onClick={() => setPhase('confirm')}>
          {t('visitor.block')}
        </button>
      )}
      {phase === 'failed' && (
        <span role="alert" class="error-text">
          {error}
        </span>
      )}
    </div>
  );
}

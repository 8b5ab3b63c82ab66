import { useState } from 'preact/hooks';
import { errorCode, errorText } from '../i18n/error-text.ts';
import { t } from '../i18n/index.ts';

/**
 * What the last action said: a confirmation (`ok`), or a refusal in the server's sentence with its
 * stable code (absent when the server never answered: a network failure has no code of the server's).
 */
export type ActionStatus = { ok: boolean; text: string; code?: string };

/** The confirmation after a success: fixed text, text made from the work's answer, or none (null). */
export type ActionDone<T> = string | ((answer: T) => string | null);

/**
 * The busy flag and the outcome of a dashboard action (a Settings save, a canned response, a message's
 * delete, a block), which each of them used to keep by hand: `run` clears the last outcome, holds
 * `busy` while the work runs, and shows `done` (when given) after it succeeds or the error's text and
 * code after it fails. It resolves to whether it succeeded, so a caller can clear a field only then.
 */
/** A refusal as a status: the server's sentence (or `text`, which may quote it) with its code. */
export const failure = (err: unknown, text = errorText(err)): ActionStatus => ({ ok: false, text, code: errorCode(err) });

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<ActionStatus | null>(null);
  const run = async <T,>(work: () => Promise<T>, done?: ActionDone<T>): Promise<boolean> => {
    setBusy(true);
    setStatus(null);
    try {
      const answer = await work();
      const text = typeof done === 'function' ? done(answer) : done;
      if (text) setStatus({ ok: true, text });
      return true;
    } catch (err) {
      setStatus(failure(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, status, setStatus, run };
}

/** The outcome as text: a status for a confirmation, an alert for a refusal (with the server's code). */
export function ActionStatusText({ status, testId, class: cls }: { status: ActionStatus | null; testId: string; class?: string }) {
  if (!status) return null;
  return (
    <p class={`${status.ok ? 'form-ok' : 'form-error'}${cls ? ` ${cls}` : ''}`} role={status.ok ? 'status' : 'alert'} data-code={status.code} data-testid={testId}>
      {status.text}
      {status.code && <code class="error-code">{status.code}</code>}
    </p>
  );
}

/**
 * A load that was refused, in place of what it would have shown: the refusal as ActionStatusText (the
 * server's sentence and its code) and a retry, so the admin need not reload the whole page.
 */
export function LoadFailure({ status, testId, onRetry }: { status: ActionStatus; testId: string; onRetry: () => void }) {
  return (
    <div class="load-failure" data-testid={`${testId}-box`}>
      <ActionStatusText status={status} testId={testId} />
      <button type="button" class="btn btn-secondary btn-sm" onClick={onRetry} data-testid={`${testId}-retry`}>
        {t('common.retry')}
      </button>
    </div>
  );
}

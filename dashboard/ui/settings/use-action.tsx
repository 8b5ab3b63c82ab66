import { useState } from 'preact/hooks';
import { errorText } from '../../i18n/error-text.ts';

/** What the last action said: a confirmation (`ok`) or the server's sentence for a refusal. */
export type ActionStatus = { ok: boolean; text: string };

/**
 * The busy flag and the outcome of a section's save or change, which every Settings section kept by
 * hand: `run` clears the last outcome, holds `busy` while the work runs, and shows `done` (when given)
 * after it succeeds or the error's text after it fails. It resolves to whether it succeeded, so a
 * caller can clear a field only then.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<ActionStatus | null>(null);
  const run = async (work: () => Promise<unknown>, done?: string): Promise<boolean> => {
    setBusy(true);
    setStatus(null);
    try {
      await work();
      if (done) setStatus({ ok: true, text: done });
      return true;
    } catch (err) {
      setStatus({ ok: false, text: errorText(err) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, status, setStatus, run };
}

/** The outcome as text: a status for a confirmation, an alert for a refusal. */
export function ActionStatusText({ status, testId }: { status: ActionStatus | null; testId: string }) {
  if (!status) return null;
  return (
    <p class={status.ok ? 'form-ok' : 'form-error'} role={status.ok ? 'status' : 'alert'} data-testid={testId}>
      {status.text}
    </p>
  );
}

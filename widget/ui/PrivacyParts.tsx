import { useEffect, useRef, useState } from 'preact/hooks';
import type { ErasureRequest as Request } from '../../protocol/schema/privacy.ts';
import type { Controller } from '../controller.ts';
import { askForErasure, fetchErasureRequest } from '../erasure-request.ts';
import { partText } from '../part-strings.ts';
import { Sheet } from './Sheet.tsx';
import type { WidgetState } from '../state.ts';

/**
 * "Delete my data" (issue 20), a lazy chunk of its own, opened from the conversation list: the visitor
 * asks the site to erase everything about them, after a confirmation step. Nothing is erased here: the
 * request waits for an admin (Settings → Privacy), and this says so; a declined request says that too
 * and may be made again.
 */
interface Props {
  s: WidgetState;
  ctrl: Controller;
  locale: string;
  onBack: () => void;
}

const CSS = `.erase{flex:1;overflow:auto;display:flex;flex-direction:column;gap:10px;padding:12px 14px;font-size:14px}
.erase h3{margin:0;font-size:15px}
.erase p{margin:0}
.erase .note{padding:10px;border:1px solid var(--line);border-radius:12px;display:flex;flex-direction:column;gap:4px}
.erase small{color:var(--muted)}
.erase .row{display:flex;gap:8px;flex-wrap:wrap}
.erase button.danger{background:var(--danger);color:var(--bg);border-radius:20px;padding:9px 14px;font-weight:650}
.erase button.plain{background:none;color:inherit;border:1px solid var(--line);border-radius:20px;padding:9px 14px}
.erase button.link{background:none;color:var(--muted);text-decoration:underline;padding:4px;align-self:flex-start}
.erase .err{color:var(--danger)}`;

export function ErasureRequest({ s, ctrl, locale, onBack }: Props) {
  const l = partText('privacy');
  const site = s.site?.name || l('theSite');
  // undefined: still reading; null: none yet.
  const [request, setRequest] = useState<Request | null | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    let live = true;
    fetchErasureRequest(ctrl.options.apiBase, s.token).then(
      (r) => live && setRequest(r),
      () => live && setRequest(null),
    );
    return () => void (live = false);
  }, [s.token]);

  const ask = () => {
    setBusy(true);
    setError('');
    askForErasure(ctrl.options.apiBase, s.token).then(
      (r) => {
        setRequest(r);
        setConfirming(false);
        setBusy(false);
      },
      (err: Error) => {
        setError(l('failed', { reason: err.message }));
        setBusy(false);
      },
    );
  };
  const when = (at: number) => new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const pending = request?.status === 'pending';
  return (
    <div class="erase" data-testid="parley-erasure">
      <Sheet css={CSS} />
      <h3 ref={heading} tabIndex={-1}>
        {l('title')}
      </h3>
      {pending ? (
        <div class="note" role="status" data-testid="parley-erasure-pending" data-request-id={request.id}>
          <strong>{l('received')}</strong>
          <span>{l('waiting', { site })}</span>
          <small>{l('askedAt', { time: when(request.requestedAt) })}</small>
        </div>
      ) : request === undefined ? null : confirming ? (
        <div class="note" role="group" aria-label={l('title')} data-testid="parley-erasure-confirming">
          <p>{l('confirm', { site })}</p>
          <div class="row">
            <button type="button" class="danger" disabled={busy} onClick={ask} data-testid="parley-erasure-confirm">
              {l('confirmYes')}
            </button>
            <button type="button" class="plain" disabled={busy} onClick={() => setConfirming(false)} data-testid="parley-erasure-cancel">
              {l('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <>
          {request?.status === 'declined' ? (
            <p class="note" role="status" data-testid="parley-erasure-declined">
              {l('declined', { site })}
            </p>
          ) : (
            <p>{l('intro', { site })}</p>
          )}
          <div class="row">
            <button type="button" class="danger" onClick={() => setConfirming(true)} data-testid="parley-erasure-ask">
              {request?.status === 'declined' ? l('askAgain') : l('ask')}
            </button>
          </div>
        </>
      )}
      {error && (
        <p class="err" role="alert" data-testid="parley-erasure-error">
          {error}
        </p>
      )}
      <button type="button" class="link" onClick={onBack} data-testid="parley-erasure-back">
        {l('back')}
      </button>
    </div>
  );
}

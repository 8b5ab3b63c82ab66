import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';

interface Props {
  /** What the first button shows (text, or an icon with `ariaLabel`). */
  children: ComponentChildren;
  ariaLabel?: string;
  /** The question asked in place, e.g. "Revoke “CI”? Requests with it are refused from now on." */
  question: string;
  /** The label of the button that does it. */
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  class?: string;
  /** The class of the question in place (a message's delete asks in a card below the bubble). */
  askClass?: string;
  testId: string;
}

/**
 * A destructive action that asks twice, in place: the first press shows the question with the action
 * (focused) and Cancel; Cancel or Escape puts focus back on the first button. Not window.confirm: it
 * freezes the page (live updates included) and looks like no part of the dashboard.
 */
export function ConfirmAction(p: Props) {
  const [asking, setAsking] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  // A layout effect: focus moves in the same task as the render, so a key pressed right after the click
  // (Escape, Enter) reaches the question, not the body (useEffect waits for a frame, which can lag).
  useLayoutEffect(() => {
    if (asking) confirm.current?.focus();
    else if (wasAsking.current) first.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button type="button" ref={first} class={p.class ?? 'btn btn-secondary btn-sm'} disabled={p.disabled} aria-label={p.ariaLabel} title={p.ariaLabel} onClick={() => setAsking(true)} data-testid={p.testId}>
        {p.children}
      </button>
    );
  }
  return (
    <span class={p.askClass ?? 'confirm-action'} role="group" aria-label={p.question} onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), setAsking(false))}>
      <span class="small" data-testid={`${p.testId}-question`}>{p.question}</span>
      <button type="button" ref={confirm} class="btn btn-danger btn-sm" disabled={p.disabled} onClick={() => (setAsking(false), p.onConfirm())} data-testid={`${p.testId}-confirm`}>
        {p.confirmLabel}
      </button>
      <button type="button" class="btn btn-ghost btn-sm" onClick={() => setAsking(false)} data-testid={`${p.testId}-cancel`}>
        {t('common.cancel')}
      </button>
    </span>
  );
}

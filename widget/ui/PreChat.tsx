import { useEffect, useRef, useState } from 'preact/hooks';
import { isEmail } from '../../protocol/email.ts';
import type { Controller } from '../controller.ts';
import type { WidgetState } from '../state.ts';
import { partText } from '../part-strings.ts';
import { Sheet } from './Sheet.tsx';

/** The chunk's own styles, added to the widget's shadow root with it. */
const CSS = `.prechat{padding:14px;border-top:1px solid var(--line);display:flex;flex-direction:column;gap:8px;font-size:13px}
.prechat label{color:var(--muted)}
.prechat .err{color:var(--danger)}
.prechat fieldset{border:0;margin:0;padding:0;display:flex;flex-direction:column;gap:6px}
.prechat .team{display:flex;gap:8px;align-items:center;color:var(--fg)}
.prechat button{background:var(--parley-accent);color:var(--parley-on-accent);border-radius:20px;padding:9px;font-weight:650}
.thanks{padding:6px 14px;font-size:12.5px;color:var(--muted);text-align:center}`;

/**
 * The optional pre-chat form, shown before the first message: the email (site setting preChatEmail)
 * and/or the team choice (site setting teamPicker: the teams offered, with the labels visitors see).
 * A lazy chunk: the main bundle only knows whether it stands before the composer (pre-chat-first.ts)
 * and whether it asks for the email (Panel: the offline form, or preChatEmail), which it passes down.
 */
export function PreChat({ s, ctrl, askEmail }: { s: WidgetState; ctrl: Controller; askEmail: boolean }) {
  const t = partText('email');
  const [email, setEmail] = useState('');
  const [teamId, setTeamId] = useState('');
  const [error, setError] = useState('');
  const settings = s.site?.settings;
  const options = !s.teamChosen ? (settings?.teamPicker?.options ?? []) : [];
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // The panel focused itself while this chunk loaded: hand focus to the field it would have chosen.
    const root = field.current?.getRootNode() as ShadowRoot | undefined;
    if (root?.activeElement?.classList.contains('panel')) field.current!.focus();
  }, []);
  return (
    <form
      class="prechat"
      noValidate
      data-testid="parley-prechat"
      onSubmit={(e) => {
        e.preventDefault();
        const v = email.trim();
        // The protocol's own check, so what the form accepts the server accepts too.
        if (askEmail && !isEmail(v)) setError(t('emailInvalid'));
        else if (options.length && !teamId) setError(t('teamRequired'));
        else void ctrl.setEmail(askEmail ? v : '', teamId || undefined);
      }}
    >
      <Sheet css={CSS} />
      {options.length > 0 && (
        <fieldset data-testid="parley-team-picker">
          <legend>{t('teamPrompt')}</legend>
          {options.map((o) => (
            <label class="team" key={o.teamId}>
              <input type="radio" name="parley-team" value={o.teamId} checked={teamId === o.teamId} onChange={() => setTeamId(o.teamId)} data-testid="parley-team" />
              {o.label}
            </label>
          ))}
        </fieldset>
      )}
      {askEmail && <label for="parley-email">{t('emailPrompt')}</label>}
      {askEmail && <input
        ref={field}
        id="parley-email"
        type="email"
        autocomplete="email"
        value={email}
        placeholder={t('emailLabel')}
        aria-label={t('emailLabel')}
        aria-invalid={!!error}
        data-testid="parley-email"
        onInput={(e) => setEmail(e.currentTarget.value)}
      />}
      {error && (
        <div class="err" role="alert">
          {error}
        </div>
      )}
      <button type="submit" data-testid="parley-email-submit">
        {t('emailSave')}
      </button>
    </form>
  );
}

/** After the form (or the offline card) saved an address: says where answers will also go, until the visitor writes. */
export function EmailThanks({ s }: { s: WidgetState }) {
  return (
    <div class="thanks" role="status" data-testid="parley-email-thanks">
      <Sheet css={CSS} />
      {partText('email')('emailThanks', { email: s.emailSaved || '' })}
    </div>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { isEmail } from '../../protocol/email.ts';
import type { Controller } from '../controller.ts';
import type { Translate } from '../i18n.ts';
import type { WidgetState } from '../state.ts';
import { canEmailTranscript, emailAsk } from '../email-ask.ts';
import { partText, type PartTranslate } from '../part-strings.ts';
import { requestTranscript } from '../transcript.ts';
import { Sheet } from './Sheet.tsx';

/**
 * The widget's email parts, a lazy chunk (they are not needed on first open): the card that asks an
 * offline visitor for their address, and the transcript request.
 */
interface Props {
  s: WidgetState;
  ctrl: Controller;
  t: Translate;
  locale: string;
}

/** The chunk's own styles, added to the widget's shadow root with it. */
const CSS = `.email-card{margin:0 12px 8px;padding:12px;border:1px solid var(--line);border-radius:12px;display:flex;flex-direction:column;gap:6px;font-size:13px}
.email-card p{margin:0;color:var(--muted)}
.email-card form{display:flex;flex-wrap:wrap;gap:6px}
.email-card label{width:100%;color:var(--muted)}
.email-card input{flex:1 1 160px;min-width:0;padding:8px 10px;border:1px solid var(--line);border-radius:8px;font:inherit;color:inherit;background:transparent}
.email-card .err{width:100%;color:var(--danger)}
.email-card button{background:var(--parley-accent);color:var(--parley-on-accent);border-radius:20px;padding:8px 14px;font-weight:650}
.email-card button.link{background:none;color:var(--muted);padding:4px 0;align-self:flex-start;text-decoration:underline}
.email-link{align-self:flex-end;margin:0 12px 6px;background:none;color:var(--muted);font-size:12px;text-decoration:underline}`;
const Style = () => <Sheet css={CSS} />;

/**
 * Everything email under the conversation: the card asking an offline visitor for their address, and
 * the "email me this conversation" action with its panel.
 */
export function EmailExtras(props: Props) {
  const { s, locale } = props;
  const [transcript, setTranscript] = useState(false);
  const e = partText('email');
  return (
    <>
      <Style />
      {emailAsk(s) === 'card' && <EmailCard {...props} />}
      {transcript ? (
        <TranscriptPanel {...props} onClose={() => setTranscript(false)} />
      ) : (
        canEmailTranscript(s) && (
          <button type="button" class="email-link" data-testid="parley-transcript-open" onClick={() => setTranscript(true)}>
            {e('transcript')}
          </button>
        )
      )}
    </>
  );
}

/** "Nobody is online: leave your email and get the answer there." Non-blocking: the chat goes on. */
function EmailCard({ ctrl, t, locale }: Props) {
  const e = partText('email');
  return (
    <div class="email-card" role="region" aria-label={e('emailCardTitle')} data-testid="parley-email-card">
      <strong>{e('emailCardTitle')}</strong>
      <p>{e('emailCardBody')}</p>
      <EmailForm e={e} submitLabel={e('emailCardSave')} onEmail={(email) => void ctrl.setEmail(email)} testId="parley-email-card" />
    </div>
  );
}

/** "Email me this conversation": asks for the address first when none is known. */
function TranscriptPanel({ s, ctrl, t, locale, onClose }: Props & { onClose: () => void }) {
  const e = partText('email');
  // 'confirm': the address was only typed in, so a link to confirm it went there first (server/email/transcript.ts).
  const [phase, setPhase] = useState<'ask' | 'sending' | 'sent' | 'confirm' | 'failed'>(s.emailKnown ? 'sending' : 'ask');
  const [to, setTo] = useState('');
  const send = async () => {
    setPhase('sending');
    try {
      const { token, conversationId } = ctrl.store.get();
      const r = await requestTranscript(ctrl.options.apiBase, token, conversationId!);
      setTo(r.to);
      setPhase(r.confirm ? 'confirm' : 'sent');
    } catch {
      setPhase('failed');
    }
  };
  useEffect(() => {
    if (s.emailKnown) void send();
  }, []);
  return (
    <div class="email-card" role="dialog" aria-label={e('transcript')} data-testid="parley-transcript">
      <strong>{e('transcript')}</strong>
      {phase === 'ask' && (
        // The address is stored (context.update acked) before the transcript is asked for.
        <EmailForm e={e} prompt={e('transcriptAsk')} submitLabel={e('transcriptSend')} testId="parley-transcript" onEmail={(email) => void ctrl.setEmail(email).then(send, () => setPhase('failed'))} />
      )}
      {phase === 'sending' && <p role="status">{e('transcriptSending')}</p>}
      {phase === 'sent' && (
        <p role="status" data-testid="parley-transcript-sent">
          {e('transcriptSent', { email: to })}
        </p>
      )}
      {phase === 'confirm' && (
        <p role="status" data-testid="parley-transcript-confirm">
          {e('transcriptConfirm', { email: to })}
        </p>
      )}
      {phase === 'failed' && (
        <p role="alert" class="err">
          {e('transcriptFailed')}
        </p>
      )}
      <button type="button" class="link" onClick={onClose} data-testid="parley-transcript-close">
        {e('transcriptDone')}
      </button>
    </div>
  );
}

function EmailForm({ e: say, prompt, submitLabel, onEmail, testId }: { e: PartTranslate<'email'>; prompt?: string; submitLabel: string; onEmail: (email: string) => void; testId: string }) {
  const [email, setEmail] = useState('');
  const [error, setError] = useState('');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const v = email.trim();
        if (!isEmail(v)) setError(say('emailInvalid'));
        else onEmail(v);
      }}
    >
      {prompt && <label for={`${testId}-email`}>{prompt}</label>}
      <input
        id={`${testId}-email`}
        type="email"
        autocomplete="email"
        value={email}
        placeholder={say('emailLabel')}
        aria-label={say('emailLabel')}
        aria-invalid={!!error}
        data-testid={`${testId}-email`}
        onInput={(e) => setEmail(e.currentTarget.value)}
      />
      {error && (
        <div class="err" role="alert">
          {error}
        </div>
      )}
      <button type="submit" data-testid={`${testId}-submit`}>
        {submitLabel}
      </button>
    </form>
  );
}

import type { Translate } from '../i18n.ts';
import type { WidgetState } from '../state.ts';

/** The site's greeting, the first bubble of every chat (the site's own text, else the catalogue's). */
export function Greeting({ s, t }: { s: WidgetState; t: Translate }) {
  return (
    <div class="group" data-testid="parley-greeting">
      <div class="who">{s.site?.name}</div>
      <div class="msg" dir="auto">
        {s.site?.settings.greeting || t('greeting')}
      </div>
    </div>
  );
}

/**
 * What a first open shows where the thread goes: the greeting alone. The thread itself
 * (MessageList.tsx) is a lazy chunk that replaces this once there is a conversation.
 */
export function Intro({ s, t }: { s: WidgetState; t: Translate }) {
  return (
    <div class="log" role="log" aria-live="polite" aria-label={t('messages')} tabIndex={0} data-testid="parley-messages">
      {s.phase === 'ready' && <Greeting s={s} t={t} />}
    </div>
  );
}

import { useState } from 'preact/hooks';
import { isEmail } from '../../protocol/validate.ts';
import type { Controller } from '../controller.ts';
import type { Translate } from '../i18n.ts';

/** The optional pre-chat email form (site setting preChatEmail), shown before the first message. */
export function PreChat({ ctrl, t }: { ctrl: Controller; t: Translate }) {
  const [email, setEmail] = useState('');
  const [error, setError] = useState('');
  return (
    <form
      class="prechat"
      noValidate
      data-testid="parley-prechat"
      onSubmit={(e) => {
        e.preventDefault();
        const v = email.trim();
        // The protocol's own check, so what the form accepts the server accepts too.
        if (!isEmail(v)) setError(t('emailInvalid'));
        else void ctrl.setEmail(v);
      }}
    >
      <label for="parley-email">{t('emailPrompt')}</label>
      <input
        id="parley-email"
        type="email"
        autocomplete="email"
        value={email}
        placeholder={t('emailLabel')}
        aria-label={t('emailLabel')}
        aria-invalid={!!error}
        data-testid="parley-email"
        onInput={(e) => setEmail(e.currentTarget.value)}
      />
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

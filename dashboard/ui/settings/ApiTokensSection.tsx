import { useEffect, useState } from 'preact/hooks';
import type { ApiTokenInfo } from '../../../protocol/index.ts';
import { dateTime, t } from '../../i18n/index.ts';
import { CopyBlock } from './CopyBlock.tsx';
import type { SectionProps, SettingsSection } from './section.ts';
import { ConfirmAction } from '../ConfirmAction.tsx';
import { ActionStatusText, useAction } from '../use-action.tsx';

const SCOPES: ApiTokenInfo['scopes'] = ['read', 'write', 'admin', 'privacy'];

/**
 * API tokens (issue 10): the site's tokens with their scopes and last use, a form that makes one and
 * shows its secret this once (only its hash is kept), and revocation, which holds from the next request.
 */
function ApiTokensSection({ api }: SectionProps) {
  const [tokens, setTokens] = useState<ApiTokenInfo[] | null>(null);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenInfo['scopes']>(['read']);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const { busy, status, setStatus, run } = useAction();

  const load = async () => setTokens((await api.apiTokens()).tokens);
  // Reading the list goes through the same outcome line: a refusal shows there, with its code.
  useEffect(() => void run(load), []);

  // The secret, shown once, is its own confirmation: no status line for it.
  const create = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const made = await api.createApiToken(name.trim(), scopes);
      setSecret({ name: made.token.name, value: made.secret });
      setName('');
      await load();
    });
  };
  const revoke = (token: ApiTokenInfo) =>
    void run(async () => {
      await api.revokeApiToken(token.id);
      await load();
    }, t('tokens.revokedNotice', { name: token.name }));
  const toggle = (s: ApiTokenInfo['scopes'][number]) => setScopes((now) => (now.includes(s) ? now.filter((x) => x !== s) : [...now, s]));

  return (
    <div class="settings-form">
      <p class="settings-note">{t('tokens.intro')}</p>
      {secret && (
        <div class="settings-warn" data-testid="token-secret-box">
          <strong>{t('tokens.secretOnce', { name: secret.name })}</strong>
          <CopyBlock code={secret.value} label={t('tokens.secret')} testId="token-secret" />
          <button type="button" class="btn btn-secondary btn-sm" onClick={() => setSecret(null)} data-testid="token-secret-done">
            {t('tokens.secretDone')}
          </button>
        </div>
      )}
      <form class="inline-form" onSubmit={create} data-testid="token-form">
        <label class="field">
          <span>{t('tokens.name')}</span>
          <input value={name} onInput={(e) => (setName(e.currentTarget.value), setStatus(null))} required maxLength={200} placeholder={t('tokens.namePlaceholder')} data-testid="token-name" />
        </label>
        <fieldset class="check-group">
          <legend>{t('tokens.scopes')}</legend>
          {SCOPES.map((s) => (
            <label key={s} class="choice">
              <input type="checkbox" checked={scopes.includes(s)} onChange={() => toggle(s)} data-testid={`token-scope-${s}`} /> {t(`tokens.scope.${s}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="btn" disabled={busy || !name.trim() || scopes.length === 0} data-testid="token-create">
          {t('tokens.create')}
        </button>
      </form>
      <ActionStatusText status={status} testId="tokens-status" />
      {tokens && tokens.length === 0 && <p class="settings-note" data-testid="tokens-empty">{t('tokens.empty')}</p>}
      {tokens && tokens.length > 0 && (
        <ul class="outbox-list" data-testid="tokens">
          {tokens.map((tk) => (
            <li key={tk.id} data-testid="token" data-name={tk.name} data-revoked={tk.revokedAt !== null ? 'true' : 'false'}>
              <div class="outbox-top">
                <strong>{tk.name}</strong>
                <span class={`state ${tk.revokedAt !== null ? 'state-failed' : 'state-sent'}`}>{tk.revokedAt !== null ? t('tokens.revoked') : t('tokens.active')}</span>
                <span class="muted small">…{tk.hint}</span>
              </div>
              <div class="small">
                {t('tokens.scopesAre', { scopes: tk.scopes.map((s) => t(`tokens.scope.${s}`)).join(', ') })} · {t('tokens.created', { when: dateTime(tk.createdAt) })} ·{' '}
                {tk.lastUsedAt !== null ? t('tokens.lastUsed', { when: dateTime(tk.lastUsedAt) }) : t('tokens.neverUsed')}
              </div>
              {tk.revokedAt === null && (
                <ConfirmAction question={t('tokens.revokeConfirm', { name: tk.name })} confirmLabel={t('tokens.revoke')} disabled={busy} onConfirm={() => revoke(tk)} testId="token-revoke">
                  {t('tokens.revoke')}
                </ConfirmAction>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const apiTokensSection: SettingsSection = { id: 'api-tokens', title: 'settings.apiTokens', adminOnly: true, Component: ApiTokensSection };

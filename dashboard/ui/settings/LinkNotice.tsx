import type { PasswordLink } from '../../../protocol/index.ts';
import { dateTime, t } from '../../i18n/index.ts';
import { CopyBlock } from './CopyBlock.tsx';

/** A password link to hand over (Parley sends no email for it): the full URL, who it is for, until when. */
export function LinkNotice({ link, name, purpose }: { link: PasswordLink; name: string; purpose: 'invite' | 'reset' }) {
  return (
    <div class="link-notice" role="status" data-testid="password-link">
      <p>{t(purpose === 'invite' ? 'team.inviteLink' : 'team.resetLink', { name, when: dateTime(link.expiresAt) })}</p>
      <CopyBlock label={t('team.link')} code={location.origin + link.path} testId="password-link-url" />
    </div>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { PasswordLink, Role, StaffMember } from '../../../protocol/index.ts';
import { errorText } from '../../i18n/error-text.ts';
import { t } from '../../i18n/index.ts';
import { LinkNotice } from './LinkNotice.tsx';
import { MemberRow } from './MemberRow.tsx';
import type { SectionProps, SettingsSection } from './section.ts';

/**
 * The team (admins): invite by a link that sets the password, roles, deactivate (their sockets close
 * and their open conversations go back to the queue), remove, reset a password.
 */
function TeamSection({ ws, api }: SectionProps) {
  const [members, setMembers] = useState<StaffMember[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [link, setLink] = useState<{ link: PasswordLink; name: string; purpose: 'invite' | 'reset' } | null>(null);
  const [invite, setInvite] = useState({ email: '', name: '', role: 'agent' as Role });

  const load = () => api.team().then((r) => setMembers(r.staff), (err) => setError(errorText(err)));
  useEffect(() => void load(), []);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    setLink(null);
    try {
      await work();
      await load();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const sendInvite = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const r = await api.invite({ email: invite.email.trim(), name: invite.name.trim(), role: invite.role });
      if (r.link) setLink({ link: r.link, name: r.staff.name, purpose: 'invite' });
      else setNotice(t('team.joined', { name: r.staff.name }));
      setInvite({ email: '', name: '', role: 'agent' });
    });
  };

  if (!members) return error ? <p class="form-error" role="alert">{error}</p> : <p class="muted">{t('common.loading')}</p>;
  return (
    <div class="settings-form">
      <ul class="members" data-testid="members">
        {members.map((m) => (
          <MemberRow
            key={m.id}
            member={m}
            isMe={m.id === ws.me.id}
            busy={busy}
            onRole={(role) => run(async () => void (await api.updateMember(m.id, { role })))}
            onActive={(active) =>
              run(async () => {
                const r = await api.updateMember(m.id, { active });
                if (!active) setNotice(t('team.deactivatedNotice', { name: m.name, n: r.unassigned ?? 0 }));
              })
            }
            onReset={() => run(async () => setLink({ link: (await api.resetPassword(m.id)).link, name: m.name, purpose: m.status === 'invited' ? 'invite' : 'reset' }))}
            onRemove={() => run(async () => void (await api.removeMember(m.id)))}
          />
        ))}
      </ul>
      {error && (
        <p class="form-error" role="alert" data-testid="team-error">
          {error}
        </p>
      )}
      {notice && (
        <p class="form-ok" role="status" data-testid="team-notice">
          {notice}
        </p>
      )}
      {link && <LinkNotice {...link} />}
      <form class="invite-form" onSubmit={sendInvite} data-testid="invite-form" noValidate>
        <h3>{t('team.inviteTitle')}</h3>
        <div class="invite-fields">
          <label class="field">
            <span>{t('team.name')}</span>
            <input value={invite.name} maxLength={200} onInput={(e) => setInvite({ ...invite, name: e.currentTarget.value })} data-testid="invite-name" />
          </label>
          <label class="field">
            <span>{t('team.email')}</span>
            <input type="email" value={invite.email} maxLength={320} onInput={(e) => setInvite({ ...invite, email: e.currentTarget.value })} data-testid="invite-email" />
          </label>
          <label class="field">
            <span>{t('team.role')}</span>
            <select value={invite.role} onChange={(e) => setInvite({ ...invite, role: e.currentTarget.value as Role })} data-testid="invite-role">
              <option value="agent">{t('team.agent')}</option>
              <option value="admin">{t('team.admin')}</option>
            </select>
          </label>
        </div>
        <button class="btn btn-primary" type="submit" disabled={busy || !invite.email.trim() || !invite.name.trim()} data-testid="invite-submit">
          {t('team.invite')}
        </button>
      </form>
    </div>
  );
}

export const teamSection: SettingsSection = { id: 'team', title: 'settings.team', adminOnly: true, Component: TeamSection };

import { useEffect, useState } from 'preact/hooks';
import type { PasswordLink, Role, StaffMember } from '../../../protocol/index.ts';
import { errorText } from '../../i18n/error-text.ts';
import { t } from '../../i18n/index.ts';
import { LinkNotice } from './LinkNotice.tsx';
import { MemberRow } from './MemberRow.tsx';
import type { SectionProps, SettingsSection } from './section.ts';
import { ActionStatusText, useAction } from '../use-action.tsx';

/**
 * The team (admins): invite by a link that sets the password, roles, deactivate (their sockets close
 * and their open conversations go back to the queue), remove, reset a password.
 */
function TeamSection({ ws, api }: SectionProps) {
  const [members, setMembers] = useState<StaffMember[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { busy, status, run } = useAction();
  const [link, setLink] = useState<{ link: PasswordLink; name: string; purpose: 'invite' | 'reset' } | null>(null);
  const [invite, setInvite] = useState({ email: '', name: '', role: 'agent' as Role });

  const load = () => api.team().then((r) => setMembers(r.staff), (err) => setLoadError(errorText(err)));
  useEffect(() => void load(), []);

  /** A change to the team, then the list read again; `work` may answer the sentence that confirms it. */
  const change = (work: () => Promise<string | void>) => {
    setLink(null);
    void run(
      async () => {
        const notice = await work();
        await load();
        return notice;
      },
      (notice) => notice || null,
    );
  };
  const sendInvite = (e: Event) => {
    e.preventDefault();
    change(async () => {
      const r = await api.invite({ email: invite.email.trim(), name: invite.name.trim(), role: invite.role });
      setInvite({ email: '', name: '', role: 'agent' });
      if (r.link) setLink({ link: r.link, name: r.staff.name, purpose: 'invite' });
      else return t('team.joined', { name: r.staff.name });
    });
  };

  if (!members) return loadError ? <p class="form-error" role="alert">{loadError}</p> : <p class="muted">{t('common.loading')}</p>;
  return (
    <div class="settings-form">
      <ul class="members" data-testid="members">
        {members.map((m) => (
          <MemberRow
            key={m.id}
            member={m}
            isMe={m.id === ws.me.id}
            busy={busy}
            onRole={(role) => change(async () => void (await api.updateMember(m.id, { role })))}
            onActive={(active) =>
              change(async () => {
                const r = await api.updateMember(m.id, { active });
                if (!active) return t('team.deactivatedNotice', { name: m.name, n: r.unassigned ?? 0 });
              })
            }
            onReset={() => change(async () => setLink({ link: (await api.resetPassword(m.id)).link, name: m.name, purpose: m.status === 'invited' ? 'invite' : 'reset' }))}
            onRemove={() => change(async () => void (await api.removeMember(m.id)))}
          />
        ))}
      </ul>
      <ActionStatusText status={status} testId="team-status" />
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

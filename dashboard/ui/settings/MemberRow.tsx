import type { Role, StaffMember } from '../../../protocol/index.ts';
import { t } from '../../i18n/index.ts';
import { Avatar } from './Avatar.tsx';
import { ConfirmAction } from '../ConfirmAction.tsx';

interface Props {
  member: StaffMember;
  isMe: boolean;
  busy: boolean;
  onRole: (role: Role) => void;
  onActive: (active: boolean) => void;
  onReset: () => void;
  onRemove: () => void;
}

/**
 * One member of the team with what an admin can do to them. Removing is for good, so it asks in place
 * (ConfirmAction); a role change or a deactivation is undone with the same control, so it does not ask.
 * Nor can a role change here lock anyone out, so it needs no question for that either: your own role
 * cannot be changed from the list (the select is disabled on your row), so whoever demotes someone stays
 * an admin who can undo it; and the server refuses to demote, deactivate or remove a site's last active
 * admin (`409 conflict`, shown with its code), whoever asks (server/http/team.test.ts).
 */
export function MemberRow({ member: m, isMe, busy, onRole, onActive, onReset, onRemove }: Props) {
  const status = m.status ?? 'active';
  return (
    <li class={`member member-${status}`} data-testid="member" data-email={m.email} data-status={status}>
      <Avatar name={m.name} />
      <div class="member-who">
        <strong>
          {m.name}
          {isMe && <span class="muted"> {t('team.you')}</span>}
        </strong>
        <span class="muted small">{m.email}</span>
        {status !== 'active' && <span class={`state state-${status}`} data-testid="member-status">{t(status === 'invited' ? 'team.invited' : 'team.deactivated')}</span>}
      </div>
      <div class="member-actions">
        <select value={m.role} disabled={busy || isMe} onChange={(e) => onRole(e.currentTarget.value as Role)} aria-label={t('team.roleOf', { name: m.name })} data-testid="member-role">
          <option value="agent">{t('team.agent')}</option>
          <option value="admin">{t('team.admin')}</option>
        </select>
        {!isMe && (
          <>
            <button type="button" class="btn btn-secondary btn-sm" disabled={busy} onClick={onReset} data-testid="member-reset">
              {t(status === 'invited' ? 'team.newInvite' : 'team.reset')}
            </button>
            <button type="button" class="btn btn-secondary btn-sm" disabled={busy} onClick={() => onActive(status === 'deactivated')} data-testid="member-active">
              {t(status === 'deactivated' ? 'team.reactivate' : 'team.deactivate')}
            </button>
            <ConfirmAction
              class="btn btn-ghost btn-sm"
              disabled={busy}
              question={t('team.removeQuestion', { name: m.name })}
              confirmLabel={t('team.removeConfirm', { name: m.name })}
              onConfirm={onRemove}
              testId="member-remove"
            >
              {t('team.remove')}
            </ConfirmAction>
          </>
        )}
      </div>
    </li>
  );
}

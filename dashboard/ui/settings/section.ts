import type { FunctionComponent } from 'preact';
import type { DashboardApi } from '../../api.ts';
import type { Workspace } from '../../app/workspace.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { Session } from '../../app/session.ts';

/** What every settings section gets: the workspace (me, site, live stores) and the REST client. */
export interface SectionProps {
  ws: Workspace;
  api: DashboardApi;
  siteId: string;
  /** Moves the dashboard to another of the member's sites (a session there, from POST /staff/me/switch). */
  onSwitch?: (s: Session) => void;
}

/**
 * One page of the settings area (/dashboard/settings/<id>). Sections live each in their own file in
 * this folder and are listed once, in sections.ts. `adminOnly` hides a section from agents and
 * refuses its deep link; the server refuses its routes to them in any case.
 */
export interface SettingsSection {
  id: string;
  title: MessageKey;
  adminOnly: boolean;
  Component: FunctionComponent<SectionProps>;
}

import type { Role } from '../../../protocol/index.ts';
import type { SettingsSection } from './section.ts';
import { accountSection } from './AccountSection.tsx';
import { emailSection } from './EmailSection.tsx';
import { identitySection } from './IdentitySection.tsx';
import { installationSection } from './InstallationSection.tsx';
import { originsSection } from './OriginsSection.tsx';
import { teamSection } from './TeamSection.tsx';
import { widgetSection } from './WidgetSection.tsx';
import { conversationsSection } from './ConversationsSection.tsx';
import { apiTokensSection } from './ApiTokensSection.tsx';
import { webhooksSection } from './WebhooksSection.tsx';
import { privacySection } from './PrivacySection.tsx';
import { routingSection } from './RoutingSection.tsx';
import { teamsSection } from './TeamsSection.tsx';
import { sitesSection } from './SitesSection.tsx';

/**
 * Every settings section, in menu order: the one list. A new section is a file in this folder
 * exporting a SettingsSection, added here.
 */
export const SECTIONS: readonly SettingsSection[] = [widgetSection, conversationsSection, installationSection, originsSection, identitySection, teamSection, emailSection, routingSection, teamsSection, apiTokensSection, webhooksSection, privacySection, accountSection, sitesSection];

/** The sections a member with this role sees in the menu. */
export function sectionsFor(role: Role): SettingsSection[] {
  return SECTIONS.filter((s) => role === 'admin' || !s.adminOnly);
}

import Type from 'typebox';
import { Routes } from '../rest.ts';
import { OriginRequest } from './admin.ts';
import { IdParams } from './conversations.ts';
import type { Endpoint } from './endpoint.ts';
import { Ok, SiteRecord, StaffRecord } from './records.ts';
import { ServerOwnerRequest, ServerOwnersResponse } from './team.ts';
import { CreateTeamRequest, TeamRecord, UpdateTeamRequest } from './teams.ts';
import { ChangePasswordRequest, InviteRequest, PasswordLinkRequest, SwitchSiteRequest, UpdateMemberRequest, UpdateProfileRequest, UsePasswordLinkRequest } from './team.ts';

const Link = Type.Object({ token: Type.String({ description: 'secret: the fragment of the link' }), path: Type.String(), expiresAt: Type.Integer() }, { description: 'a one-time link that sets a password' });
const StaffSite = Type.Object({ id: Type.String(), key: Type.String(), name: Type.String() });
const Session = Type.Object({ token: Type.String(), expiresAt: Type.Integer(), staff: StaffRecord, site: StaffSite });

/** The dashboard's settings area (issue 11): origins, installation, the team, each member's account. */
export const settingsEndpoints: Endpoint[] = [
  {
    method: 'get', path: Routes.teams, tag: 'Teams', auth: 'staff', summary: 'The site\'s teams (agents grouped for routing), by name',
    response: { status: 200, description: 'the teams', schema: Type.Object({ teams: Type.Array(TeamRecord) }) },
  },
  {
    method: 'post', path: Routes.teams, tag: 'Teams', auth: 'admin', summary: 'Create a team; its name is unique in the site regardless of case (at most PARLEY_MAX_TEAMS teams)', body: CreateTeamRequest,
    response: { status: 201, description: 'the team', schema: Type.Object({ team: TeamRecord }) }, errors: ['conflict', 'bad_request'],
    example: { body: { name: 'Billing' } },
  },
  {
    method: 'patch', path: Routes.team, tag: 'Teams', auth: 'admin', summary: 'Rename a team and/or replace its members (the whole list); new members may take what waits in its queue at once', params: IdParams, body: UpdateTeamRequest,
    response: { status: 200, description: 'the team', schema: Type.Object({ team: TeamRecord }) }, errors: ['not_found', 'conflict', 'bad_request'],
  },
  {
    method: 'delete', path: Routes.team, tag: 'Teams', auth: 'admin', summary: 'Delete a team: its conversations keep their assignee and have no team any more (any agent); page rules and pre-chat choices naming it are skipped', params: IdParams,
    response: { status: 200, description: 'deleted', schema: Ok }, errors: ['not_found'],
  },
  {
    method: 'get', path: Routes.serverOwners, tag: 'Administration', auth: 'admin', summary: 'Who may create sites on this server (server owners only)',
    response: { status: 200, description: 'the owners', schema: ServerOwnersResponse }, errors: ['forbidden'],
  },
  {
    method: 'post', path: Routes.serverOwners, tag: 'Administration', auth: 'admin', summary: 'Make a member of any site a server owner too (server owners only); to hand ownership over, add them, then remove yourself', body: ServerOwnerRequest,
    response: { status: 200, description: 'the owners', schema: ServerOwnersResponse }, errors: ['forbidden', 'bad_request', 'conflict'],
  },
  {
    method: 'delete', path: Routes.serverOwners, tag: 'Administration', auth: 'admin', summary: 'Remove a server owner (server owners only); the last one cannot be removed', query: ServerOwnerRequest,
    response: { status: 200, description: 'the owners', schema: ServerOwnersResponse }, errors: ['forbidden', 'not_found', 'conflict'],
  },
  {
    method: 'post', path: Routes.adminSiteOrigins, tag: 'Administration', auth: 'admin', summary: 'Allow one more origin (the CLI\'s rules, stored in canonical spelling)', params: IdParams, body: OriginRequest,
    response: { status: 200, description: 'the site', schema: Type.Object({ site: SiteRecord }) }, errors: ['not_found'],
  },
  {
    method: 'delete', path: Routes.adminSiteOrigins, tag: 'Administration', auth: 'admin', summary: 'Stop allowing one origin', params: IdParams, query: OriginRequest,
    response: { status: 200, description: 'the site', schema: Type.Object({ site: SiteRecord }) }, errors: ['not_found'],
  },
  {
    method: 'get', path: Routes.adminSiteInstallation, tag: 'Administration', auth: 'admin', summary: 'The snippets to paste, and where the widget was last seen', params: IdParams,
    response: { status: 200, description: 'the installation', schema: Type.Object({ snippet: Type.String(), esmSnippet: Type.String(), sightings: Type.Array(Type.Object({ origin: Type.String(), lastSeenAt: Type.Integer() })) }) },
    errors: ['not_found'],
  },
  {
    method: 'post', path: Routes.adminInvitations, tag: 'Team', auth: 'admin', summary: 'Invite a member: the link that sets their password (none when they already have one on this server)', body: InviteRequest,
    response: { status: 201, description: 'the member and their link', schema: Type.Object({ staff: StaffRecord, link: Type.Union([Link, Type.Null()]) }) }, errors: ['conflict', 'rate_limited'],
  },
  {
    method: 'patch', path: Routes.adminMember, tag: 'Team', auth: 'admin', summary: 'Change a member\'s role, or deactivate (sessions end, sockets close, conversations unassigned) or reactivate them', params: IdParams, body: UpdateMemberRequest,
    response: { status: 200, description: 'the member', schema: Type.Object({ staff: StaffRecord, unassigned: Type.Optional(Type.Integer()) }) }, errors: ['not_found', 'conflict'],
  },
  { method: 'delete', path: Routes.adminMember, tag: 'Team', auth: 'admin', summary: 'Remove a member', params: IdParams, response: { status: 200, description: 'removed', schema: Ok }, errors: ['not_found', 'conflict'] },
  {
    method: 'post', path: Routes.adminMemberReset, tag: 'Team', auth: 'admin', summary: 'Reset a member\'s password: the old one stops, sessions end, a link sets a new one', params: IdParams,
    response: { status: 200, description: 'the link', schema: Type.Object({ link: Link }) }, errors: ['not_found', 'conflict', 'rate_limited'],
  },
  { method: 'patch', path: Routes.staffMe, tag: 'Staff', auth: 'staff', summary: 'Change your display name', body: UpdateProfileRequest, response: { status: 200, description: 'you', schema: Type.Object({ staff: StaffRecord }) } },
  {
    method: 'put', path: Routes.staffPassword, tag: 'Staff', auth: 'staff', summary: 'Change your password (your other sessions end)', body: ChangePasswordRequest,
    response: { status: 200, description: 'changed', schema: Ok }, errors: ['weak_password', 'rate_limited'],
  },
  {
    method: 'get', path: Routes.staffMemberships, tag: 'Staff', auth: 'staff', summary: 'The sites you belong to, with your role and unread count on each',
    response: { status: 200, description: 'your sites', schema: Type.Object({ memberships: Type.Array(Type.Object({ staffId: Type.String(), siteId: Type.String(), siteName: Type.String(), role: Type.Enum(['admin', 'agent']), unread: Type.Integer(), current: Type.Boolean() })), canCreateSites: Type.Boolean({ description: 'whether you may create sites (the server owner)' }) }) },
  },
  {
    method: 'post', path: Routes.staffSwitch, tag: 'Staff', auth: 'staff', summary: 'Switch to another of your sites: a session there (this one ends)', body: SwitchSiteRequest,
    response: { status: 200, description: 'the new session (and cookie)', schema: Session }, errors: ['not_found'],
  },
  { method: 'post', path: Routes.staffSignOutAll, tag: 'Staff', auth: 'staff', summary: 'Sign out everywhere: every session of yours ends, this one too', response: { status: 200, description: 'signed out', schema: Ok } },
  {
    method: 'post', path: Routes.passwordLink, tag: 'Staff', auth: 'none', summary: 'What a password link is for, without using it', body: PasswordLinkRequest,
    response: { status: 200, description: 'whose link', schema: Type.Object({ purpose: Type.Enum(['invite', 'reset']), email: Type.String(), name: Type.String(), siteName: Type.String() }) }, errors: ['not_found', 'rate_limited'],
  },
  {
    method: 'post', path: Routes.passwordLinkUse, tag: 'Staff', auth: 'none', summary: 'Set the password a link is for and sign in (the link is used up)', body: UsePasswordLinkRequest,
    response: { status: 200, description: 'the session (and the session cookie)', schema: Session }, errors: ['not_found', 'weak_password', 'forbidden', 'rate_limited'],
  },
];

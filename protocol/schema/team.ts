import Type from 'typebox';
import { FIELD_LIMITS as L } from '../limits.ts';
import { Closed, Email, NonBlank } from './common.ts';

const Role = Type.Enum(['admin', 'agent']);
/** The server's password policy (auth/password-policy.ts) says more than a length: `weak_password`. */
const NewPassword = Type.String({ minLength: 1, maxLength: L.password, description: `a password of at most ${L.password} characters` });
/** A password link's token: 43 base64url characters (256 bits). */
const LinkToken = Type.String({ minLength: 43, maxLength: 43, pattern: '^[A-Za-z0-9_-]+$', description: 'the token from a password link' });

/** POST /api/v1/admin/staff/invitations: a member without a password, and their link. */
export const InviteRequest = Closed({ email: Email, name: NonBlank(L.name), role: Role });
export type InviteRequest = Type.Static<typeof InviteRequest>;

/** PATCH /api/v1/admin/staff/:id */
export const UpdateMemberRequest = Closed({ role: Type.Optional(Role), active: Type.Optional(Type.Boolean()) });
export type UpdateMemberRequest = Type.Static<typeof UpdateMemberRequest>;

/** PUT /api/v1/staff/me/password */
export const ChangePasswordRequest = Closed({ current: Type.String({ minLength: 1, maxLength: L.password }), password: NewPassword });

/** PATCH /api/v1/staff/me */
export const UpdateProfileRequest = Closed({ name: NonBlank(L.name) });

/** POST /api/v1/staff/password-link (what it is for) and …/use (set the password). */
export const PasswordLinkRequest = Closed({ token: LinkToken });
export const UsePasswordLinkRequest = Closed({ token: LinkToken, password: NewPassword });

/** POST /api/v1/staff/me/switch */
export const SwitchSiteRequest = Closed({ siteId: Type.String({ minLength: 1, maxLength: L.id }) });

/** A server owner to add (a person who is a member of some site) or remove. */
export const ServerOwnerRequest = Closed({ email: Email });
export type ServerOwnerRequest = Type.Static<typeof ServerOwnerRequest>;
export const ServerOwnersResponse = Type.Object({
  owners: Type.Array(Type.String(), { description: 'emails of the people who may create sites, oldest first' }),
  fromConfig: Type.Boolean({ description: 'true: PARLEY_SERVER_OWNERS names them, and they are changed there, not here' }),
});
export type ServerOwnersResponse = Type.Static<typeof ServerOwnersResponse>;

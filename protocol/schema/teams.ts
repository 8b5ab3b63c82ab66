import Type from 'typebox';
import { FIELD_LIMITS as L } from '../limits.ts';
import { Closed, Id, NonBlank } from './common.ts';

/** A team as the API answers it (GET /api/v1/teams). */
export const TeamRecord = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  name: Type.String(),
  memberIds: Type.Array(Type.String(), { description: 'staff ids, sorted' }),
  createdAt: Type.Integer(),
});

const MemberIds = Type.Array(Id, { maxItems: L.teamMembers, uniqueItems: true, description: `staff ids of the site, at most ${L.teamMembers}` });

/** POST /api/v1/teams (admins). The name is stored trimmed and is unique in the site regardless of case. */
export const CreateTeamRequest = Closed({ name: NonBlank(L.teamName), memberIds: Type.Optional(MemberIds) });
export type CreateTeamRequest = Type.Static<typeof CreateTeamRequest>;

/** PATCH /api/v1/teams/:id (admins): a new name and/or the whole new member list. */
export const UpdateTeamRequest = Closed({ name: Type.Optional(NonBlank(L.teamName)), memberIds: Type.Optional(MemberIds) });
export type UpdateTeamRequest = Type.Static<typeof UpdateTeamRequest>;

/**
 * A page rule (site setting teamRules): a conversation started on a page whose URL path matches
 * `pattern` goes to `teamId`. `/billing` matches /billing and everything under it (/billing/invoices,
 * not /billingx); a `*` matches any characters (`/*\/pricing`). Case is ignored, the query too.
 */
export const TeamRuleSchema = Closed({
  pattern: Type.String({ minLength: 1, maxLength: L.teamRulePattern, pattern: '^/', description: 'a URL path starting with /: a prefix, or a glob with *' }),
  teamId: Id,
});

/** The widget's pre-chat team choice (site setting teamPicker): which teams visitors may choose, with the label they see. */
export const TeamPickerSchema = Closed({
  options: Type.Array(Closed({ teamId: Id, label: NonBlank(L.teamPickerLabel) }), { minItems: 1, maxItems: L.teamPickerOptions, description: `1 to ${L.teamPickerOptions} teams` }),
});

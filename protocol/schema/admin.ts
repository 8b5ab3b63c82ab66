import Type from 'typebox';
import { FIELD_LIMITS as L } from '../limits.ts';
import { WIDGET_LANGUAGES } from '../languages.ts';
import { PRE_CHAT_EMAIL_MODES, WEEKDAYS } from '../model.ts';
import { Closed, Email, NonBlank } from './common.ts';
import { TeamPickerSchema, TeamRuleSchema } from './teams.ts';


/** An origin like https://shop.example or http://localhost:* (the server checks its form). */
const Origin = NonBlank(L.origin);

/** The site's widget settings; the accent's contrast is the domain's rule (server/domain/site-admin.ts). */
/** A wall-clock time of day, 00:00 to 24:00 (24:00 only ends a span). */
const ClockTime = Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$', description: 'a time of day like 09:00 (00:00 to 24:00)' });
/** One opening span: from `from` on `day` until `to`, the next day when `to` is not after `from` (22:00-02:00; 00:00-00:00 is 24 hours). */
export const OpeningSpan = Closed({ day: Type.Enum([...WEEKDAYS]), from: ClockTime, to: ClockTime });
/** When someone answers: a weekly schedule in the site's time zone, and holidays (closed all day). Absent: always open. */
export const BusinessHours = Closed({
  /** An IANA time zone, e.g. Europe/Berlin; the schedule and holidays are in its wall-clock time. */
  timezone: Type.String({ minLength: 1, maxLength: L.timezone, description: 'an IANA time zone like Europe/Berlin' }),
  week: Type.Array(OpeningSpan, { maxItems: L.openingSpans, description: `at most ${L.openingSpans} opening spans` }),
  /** Local dates (YYYY-MM-DD) on which the team is away all day, whatever the weekly schedule says. */
  holidays: Type.Optional(
    Type.Array(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', description: 'a date like 2026-12-25' }), {
      maxItems: L.holidays,
      description: `at most ${L.holidays} dates`,
    }),
  ),
});
export type BusinessHours = Type.Static<typeof BusinessHours>;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export const ASSIGNMENT_MODES = ['off', 'round_robin', 'least_busy'] as const;
/** Automatic assignment of new conversations (server/domain/assignment/). */
export const AssignmentSettings = Closed({
  /** off: agents pick; round_robin: the available agent assigned least recently; least_busy: the one with fewest open conversations. */
  mode: Type.Enum([...ASSIGNMENT_MODES]),
  /** Open assigned conversations an agent holds at most before new ones wait in the queue. Absent: PARLEY_ASSIGNMENT_CAPACITY. */
  capacity: Type.Optional(Type.Integer({ minimum: 0, maximum: L.capacity })),
  /** Per agent (staff id -> capacity), overriding `capacity`; 0 takes an agent out of automatic assignment. */
  agents: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: L.id }), Type.Integer({ minimum: 0, maximum: L.capacity }), { maxProperties: L.capacityEntries })),
  /** An agent away or offline this many minutes has the conversations waiting on them returned to the queue. 0 or absent: never. */
  awayTimeoutMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 * 24 * 60 })),
});
export type AssignmentSettings = Type.Static<typeof AssignmentSettings>;

export const SiteSettings = Closed({
  /** Accent `#rrggbb`; white text on it must reach 4.5:1 (protocol/contrast.ts). */
  color: Type.Optional(Type.String({ maxLength: L.color })),
  /**
   * Ask for an email before the first message: `always`, `offline` (only while nobody is available) or
   * `off`. `true`/`false` (sites saved before the modes) mean `always`/`off`; the server stores the mode.
   */
  preChatEmail: Type.Optional(Type.Union([Type.Boolean(), Type.Enum([...PRE_CHAT_EMAIL_MODES])], { description: 'off, always or offline' })),
  /** Greeting shown at the top of an empty conversation. */
  greeting: Type.Optional(Type.String({ maxLength: L.greeting })),
  /** Typical reply time shown when staff are online, e.g. "a few minutes". */
  replyTime: Type.Optional(Type.String({ maxLength: L.replyTime })),
  /**
   * Minutes after a resolve during which a visitor's message reopens the conversation; later it
   * starts a new one. 0: always a new one. Absent: the server's default (PARLEY_REOPEN_WINDOW_MINUTES).
   */
  reopenMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 * 24 * 60 })),
  /**
   * Minutes a visitor's message may wait unanswered before the assignee (or, while unassigned, every
   * agent) is notified (a conversation.waiting event). 0: never. Absent: PARLEY_WAITING_ALERT_MINUTES.
   */
  waitingAlertMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 * 24 * 60 })),
  /** false: the widget asks for no rating after a resolve, and ratings are refused. Absent: on. */
  ratings: Type.Optional(Type.Boolean()),
  /** For a site under attack: leading zero bits of work a new visitor's browser must find before a session (0 or absent: off; 16-20 cost a browser about a second). */
  proofOfWork: Type.Optional(Type.Integer({ minimum: 0, maximum: 24 })),
  /**
   * Privacy: no new visitor without the visitor's consent (they open the chat, or the page calls
   * Parley('consent', true)); the snippet then carries data-require-consent, so the widget loads and
   * stores nothing before it. Absent: off.
   */
  requireConsent: Type.Optional(Type.Boolean()),
  /**
   * Privacy: an erased visitor's conversations stay as tombstones (status, times, assignee, the rating's
   * score: what reports count) without any text, file, name or address. Absent or false: they are deleted.
   */
  erasureTombstone: Type.Optional(Type.Boolean()),
  /** Privacy: conversations resolved more than this many days ago are deleted, with their files. Absent: kept. */
  retentionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 36500 })),
  /** When the team is there; outside these hours the widget says when it is back and offers the offline form. */
  businessHours: Type.Optional(BusinessHours),
  /** When nobody can answer (outside hours, or no agent online): 'chat' (default: chat, with the email ask), 'form' (only the offline form), 'hide' (no launcher). */
  whenOffline: Type.Optional(Type.Enum(['chat', 'form', 'hide'])),
  /** Automatic assignment; staff only (never sent to visitors). Absent: off. */
  assignment: Type.Optional(AssignmentSettings),
  /** Page rules routing new conversations to teams, first match wins; staff only (never sent to visitors). */
  teamRules: Type.Optional(Type.Array(TeamRuleSchema, { maxItems: L.teamRules, description: `at most ${L.teamRules} rules, first match wins` })),
  /** The pre-chat team choice: offered before a new conversation; the choice wins over the page rules. */
  teamPicker: Type.Optional(TeamPickerSchema),
  /** Corner of the launcher, unless the page's snippet says otherwise (data-position). */
  position: Type.Optional(Type.Enum(['bottom-right', 'bottom-left'])),
  /** Text beside the launcher icon, e.g. "Chat with us"; none: the round icon alone. */
  launcherLabel: Type.Optional(Type.String({ maxLength: L.launcherLabel })),
  /** The widget's language for visitors whose browser prefers none it speaks. */
  language: Type.Optional(Type.Enum([...WIDGET_LANGUAGES])),
  /** Only visitors the site's backend vouches for (a user JWT) may chat; anonymous sessions are refused. */
  requireIdentified: Type.Optional(Type.Boolean()),
});
export type SiteSettings = Type.Static<typeof SiteSettings>;

const StaffFields = {
  email: Email,
  name: NonBlank(L.name),
  /** Without one, the server generates a password and answers it once. */
  password: Type.Optional(Type.String({ minLength: L.passwordMin, maxLength: L.password })),
};

/** POST /api/v1/admin/sites: a site and its first admin. */
export const CreateSiteRequest = Closed({
  name: NonBlank(L.name),
  allowedOrigins: Type.Array(Origin, { maxItems: L.origins }),
  settings: Type.Optional(SiteSettings),
  admin: Closed(StaffFields),
});
export type CreateSiteRequest = Type.Static<typeof CreateSiteRequest>;

/** PATCH /api/v1/admin/sites/:id */
export const UpdateSiteRequest = Closed({
  name: Type.Optional(NonBlank(L.name)),
  allowedOrigins: Type.Optional(Type.Array(Origin, { maxItems: L.origins })),
  settings: Type.Optional(SiteSettings),
  rotateIdentitySecret: Type.Optional(Type.Boolean()),
});
export type UpdateSiteRequest = Type.Static<typeof UpdateSiteRequest>;

/** POST /api/v1/admin/staff */
export const CreateStaffRequest = Closed({ ...StaffFields, role: Type.Enum(['admin', 'agent']) });
export type CreateStaffRequest = Type.Static<typeof CreateStaffRequest>;

/** POST /api/v1/admin/sites/:id/origins (and DELETE's ?origin=): one allowed origin. */
export const OriginRequest = Closed({ origin: Origin });
export type OriginRequest = Type.Static<typeof OriginRequest>;

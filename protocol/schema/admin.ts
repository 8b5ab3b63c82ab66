import Type from 'typebox';
import { FIELD_LIMITS as L } from '../limits.ts';
import { WIDGET_LANGUAGES } from '../languages.ts';
import { PRE_CHAT_EMAIL_MODES } from '../model.ts';
import { Closed, Email, NonBlank } from './common.ts';

/** An origin like https://shop.example or http://localhost:* (the server checks its form). */
const Origin = NonBlank(L.origin);

/** The site's widget settings; the accent's contrast is the domain's rule (server/domain/site-admin.ts). */
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

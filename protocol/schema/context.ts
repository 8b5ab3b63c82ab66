import Type from 'typebox';
import { FIELD_LIMITS as L } from '../limits.ts';
import { Closed, Email } from './common.ts';

const page = (description: string) => Type.Optional(Type.String({ maxLength: L.contextPage, description }));
const short = (description: string) => Type.Optional(Type.String({ maxLength: L.contextShort, description }));

const AttributeValue = Type.Union([Type.String({ maxLength: L.attributeValue }), Type.Number(), Type.Boolean()], {
  description: `a string of at most ${L.attributeValue} characters, a number or a boolean`,
});

/**
 * What the widget tells the server about where the visitor is (staff see it): at session start over
 * REST and on every navigation over the WebSocket, under the same rules.
 */
export const VisitorContext = Closed({
  url: page('the page URL'),
  title: page('the page title'),
  referrer: page('the referring page'),
  language: short('the browser language, e.g. de-CH'),
  timezone: short('the IANA time zone, e.g. Europe/Zurich'),
  /** Visitor's local time as an ISO string with offset, when last updated. */
  localTime: short('the local time, ISO 8601 with offset'),
  userAgent: Type.Optional(Type.String({ maxLength: L.userAgent })),
  /** The team the visitor chose in the pre-chat form (site setting teamPicker); kept until they choose again. */
  teamId: Type.Optional(Type.String({ minLength: 1, maxLength: L.id })),
  /** Custom attributes from Parley('update', { attributes }). Strings, numbers, booleans only. */
  attributes: Type.Optional(
    Type.Record(Type.String(), AttributeValue, {
      maxProperties: L.attributes,
      // "__proto__" as a key would set a prototype when the object is copied: refused outright.
      propertyNames: { minLength: 1, maxLength: L.attributeKey, not: { const: '__proto__' } },
      description: 'custom attributes staff see beside the conversation',
    }),
  ),
});
export type VisitorContext = Type.Static<typeof VisitorContext>;

/**
 * What context.update carries: the page context, plus optionally the email the visitor typed in the
 * pre-chat form. The email is stored on the Visitor (emailVerified false), never in its context, and
 * never replaces an email verified by the site's identity JWT. Absent means unchanged.
 */
export const ContextUpdate = Closed({ ...VisitorContext.properties, email: Type.Optional(Email) });
export type ContextUpdate = Type.Static<typeof ContextUpdate>;

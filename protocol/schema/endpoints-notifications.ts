import Type from 'typebox';
import { Routes } from '../rest.ts';
import type { Endpoint } from './endpoint.ts';
import { NotificationPreferencesRequest, NotificationReadRequest, NotificationRingRequest, NotificationRecord, NotificationsQuery, NotificationStateRecord } from './notifications.ts';

/** An agent's own notification center: the list, reading, preferences (docs/api.md, Notifications). */
export const notificationEndpoints: Endpoint[] = [
  {
    method: 'get', path: Routes.notifications, tag: 'Notifications', auth: 'staff', summary: 'Your notifications, newest first, with your unread count', query: NotificationsQuery,
    description: 'Assigned to you, mentioned in a note, a visitor replied or rated in a conversation assigned to you, a conversation waiting unanswered. `nextCursor` is the `before` of the next page.',
    response: { status: 200, description: 'a page of notifications', schema: Type.Object({ items: Type.Array(NotificationRecord), nextCursor: Type.Union([Type.String(), Type.Null()]), state: NotificationStateRecord }) },
    example: { query: { limit: '20' } },
  },
  {
    method: 'post', path: Routes.notificationsRead, tag: 'Notifications', auth: 'staff', summary: 'Mark notifications read: some, a conversation\'s, all up to one, or all', body: NotificationReadRequest,
    description: 'Your other tabs and devices hear it at once (`notifications.read` on their sockets).',
    response: { status: 200, description: 'your state after it', schema: Type.Object({ state: NotificationStateRecord }) },
    example: { body: { all: true } },
  },
  {
    method: 'post', path: Routes.notificationRing, tag: 'Notifications', auth: 'staff', summary: 'Claim the sound and desktop notification of a new notification', body: NotificationRingRequest,
    description: 'Every tab and device of the agent that receives a notification asks; the first gets `ring: true` and plays the sound (and shows the desktop notification), the others stay quiet.',
    response: { status: 200, description: 'whether this client rings', schema: Type.Object({ ring: Type.Boolean() }) },
    example: { body: { id: 'ntf_…' } },
  },
  { method: 'get', path: Routes.notificationPreferences, tag: 'Notifications', auth: 'staff', summary: 'Your notification preferences', response: { status: 200, description: 'the preferences', schema: NotificationPreferencesRequest } },
  {
    method: 'put', path: Routes.notificationPreferences, tag: 'Notifications', auth: 'staff', summary: 'Set which kinds notify you, and sound and desktop notifications', body: NotificationPreferencesRequest,
    response: { status: 200, description: 'the preferences', schema: NotificationPreferencesRequest },
    example: { body: { kinds: ['assigned', 'mention', 'waiting'], sound: false, desktop: true } },
  },
];

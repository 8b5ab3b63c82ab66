import { Routes } from '../../../protocol/index.ts';
import { NotificationPreferencesRequest, NotificationReadRequest, NotificationRingRequest, NotificationsQuery } from '../../../protocol/schema/index.ts';
import { fail } from '../../errors.ts';
import type { NotificationService } from '../../notifications/service.ts';
import type { NotificationReadTarget } from '../../store/notification-records.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { readJson, readQuery } from '../input.ts';

/** An agent's own notifications (server/notifications/): the list, reading them, preferences. Staff sessions only. */
export function registerNotifications(app: App, deps: RouteDeps): void {
  const staff = requireAuth(deps, { role: 'staff', apiTokens: false });
  const max = deps.config.limits.maxBodyBytes;
  const center = (): NotificationService => deps.notifications ?? fail('unavailable', 'Notifications are not running on this server.');

  app.get(Routes.notifications, staff, async (c) => {
    const q = readQuery(c, NotificationsQuery);
    return c.json(await center().list(c.get('principal'), { before: q.before ?? null, limit: Math.min(q.limit ?? 50, deps.config.limits.maxPageSize), unread: q.unread }));
  });
  app.post(Routes.notificationsRead, staff, async (c) => {
    const body = await readJson(c, NotificationReadRequest, max);
    return c.json({ state: await center().markRead(c.get('principal'), body as NotificationReadTarget) });
  });
  app.post(Routes.notificationRing, staff, async (c) => {
    const { id } = await readJson(c, NotificationRingRequest, max);
    return c.json({ ring: await center().ring(c.get('principal'), id) });
  });
  app.get(Routes.notificationPreferences, staff, async (c) => c.json(await center().preferences(c.get('principal'))));
  app.put(Routes.notificationPreferences, staff, async (c) => {
    const body = await readJson(c, NotificationPreferencesRequest, max);
    return c.json(await center().setPreferences(c.get('principal'), body));
  });
}

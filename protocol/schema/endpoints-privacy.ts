import { Routes } from '../rest.ts';
import type { Endpoint } from './endpoint.ts';
import { PrivacyLookup } from './privacy.ts';

/** Privacy by default (issue 20): access requests (export); docs/deploy.md, "Privacy". */
export const privacyEndpoints: Endpoint[] = [
  {
    method: 'post', path: Routes.privacyExport, tag: 'Privacy', auth: 'admin', body: PrivacyLookup,
    summary: 'Export everything about one visitor: export.json and their attachment files, as a tar archive',
    description:
      'Name the person by exactly one of `visitorId`, `email` (every visitor record of the site with that address) or `userId` (the site\'s own user id, the user JWT\'s `sub`). ' +
      'export.json holds each visitor record, the address of their latest session, every conversation with all its messages (staff notes included, marked `note`), its timeline (status changes, ratings) and the list of attachments; ' +
      'each attachment\'s bytes are under attachments/<id>/<name>. Admins, and API tokens with the `privacy` scope.',
    response: { status: 200, description: 'a tar archive (Content-Disposition: attachment)', contentType: 'application/x-tar' },
    errors: ['not_found'],
    example: { body: { email: 'ada@example.com' } },
  },
];

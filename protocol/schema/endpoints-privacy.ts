import Type from 'typebox';
import { Routes } from '../rest.ts';
import type { Endpoint } from './endpoint.ts';
import { PrivacyLookup } from './privacy.ts';

/** Privacy by default (issue 20): access requests (export) and erasure; docs/deploy.md, "Privacy". */
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
  },
  {
    method: 'post', path: Routes.privacyErase, tag: 'Privacy', auth: 'admin', body: PrivacyLookup,
    summary: 'Erase one visitor: their messages, files, search entries, conversations (or tombstones), address and record',
    description:
      'The same lookup as the export. In one transaction per visitor record: message text and attachments go (files unlinked), the search index is purged, the conversations are deleted ' +
      '(or, with the site setting `erasureTombstone`, kept without text, files or the visitor\'s data), with their read cursors, email and webhook copies; the visitor record and the address go. ' +
      'Open dashboards get `conversation.erased` and drop what they show; the visitor\'s tokens stop working at once and their sockets close at the next heartbeat. Admins, and API tokens with the `privacy` scope.',
    response: { status: 200, description: 'what was erased (counts only)', schema: Type.Object({ erased: Type.Object({ visitors: Type.Integer(), conversations: Type.Integer(), files: Type.Integer(), tombstone: Type.Boolean() }) }) },
    errors: ['not_found'],
  },
];

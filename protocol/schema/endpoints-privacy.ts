import Type from 'typebox';
import { Routes } from '../rest.ts';
import type { Endpoint } from './endpoint.ts';
import { IdParams } from './conversations.ts';
import { ErasureRequestAdminRecord, ErasureRequestBody, ErasureRequestRecord, ErasureRequestsQuery, PrivacyLookup } from './privacy.ts';

const Erased = Type.Object({ visitors: Type.Integer(), conversations: Type.Integer(), files: Type.Integer(), tombstone: Type.Boolean() });

/**
 * Privacy by default (issue 20): access requests (export) and erasure, and the erasure requests visitors
 * make from the widget; docs/deploy.md, "Privacy".
 */
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
    response: { status: 200, description: 'what was erased (counts only)', schema: Type.Object({ erased: Erased }) },
    errors: ['not_found'],
  },
  {
    method: 'post', path: Routes.visitorErasureRequest, tag: 'Privacy', auth: 'visitor', body: ErasureRequestBody,
    summary: 'Ask the site to erase my data (the widget\'s "Delete my data"); an admin confirms it',
    description:
      'For the visitor the token names, never anyone else (the body has no fields). Nothing is erased yet: the site\'s admins see the request in Settings → Privacy (and live, `erasure.requests`) and confirm it (the erasure of `POST /api/v1/privacy/erase`) or decline it. ' +
      'Asking again while one is pending answers that one. Limits: `PARLEY_ERASURE_REQUESTS_PER_IP` per `PARLEY_ERASURE_REQUESTS_WINDOW_MS` from one address (`rate_limited`), and at most `PARLEY_ERASURE_REQUESTS_PENDING_PER_SITE` waiting per site (`quota_exceeded`).',
    response: { status: 200, description: 'the request (pending)', schema: Type.Object({ request: ErasureRequestRecord }) },
    errors: ['rate_limited', 'quota_exceeded', 'origin_not_allowed', 'blocked'],
  },
  {
    method: 'get', path: Routes.visitorErasureRequest, tag: 'Privacy', auth: 'visitor',
    summary: 'My latest erasure request, if any: pending or declined (a confirmed one erased the visitor, token and all)',
    response: { status: 200, description: 'the latest request, or null', schema: Type.Object({ request: Type.Union([ErasureRequestRecord, Type.Null()]) }) },
    errors: ['origin_not_allowed'],
  },
  {
    method: 'get', path: Routes.privacyErasureRequests, tag: 'Privacy', auth: 'admin', query: ErasureRequestsQuery,
    summary: 'The site\'s erasure requests from visitors: pending ones oldest first, decided ones newest first',
    description: 'Each with the visitor as they are now (label, name, email; null once erased) and how many conversations they have. At most 200. Admins, and API tokens with the `privacy` scope.',
    response: { status: 200, description: 'the requests', schema: Type.Object({ requests: Type.Array(ErasureRequestAdminRecord) }) },
  },
  {
    method: 'post', path: Routes.privacyErasureConfirm, tag: 'Privacy', auth: 'admin', params: IdParams,
    summary: 'Confirm a visitor\'s erasure request: erases them as POST /api/v1/privacy/erase does',
    description: 'Only a pending request (`conflict` once decided). The visitor\'s record, their conversations (or tombstones), messages, files and search entries go; their widget\'s token stops working. Admins, and API tokens with the `privacy` scope.',
    response: { status: 200, description: 'the request (confirmed) and what was erased', schema: Type.Object({ request: ErasureRequestAdminRecord, erased: Erased }) },
    errors: ['not_found', 'conflict'],
  },
  {
    method: 'post', path: Routes.privacyErasureDecline, tag: 'Privacy', auth: 'admin', params: IdParams,
    summary: 'Decline a visitor\'s erasure request: nothing is erased; the widget tells the visitor',
    description: 'Only a pending request (`conflict` once decided). The visitor may ask again. Admins, and API tokens with the `privacy` scope.',
    response: { status: 200, description: 'the request (declined)', schema: Type.Object({ request: ErasureRequestAdminRecord }) },
    errors: ['not_found', 'conflict'],
  },
];

import Type from 'typebox';
import { Routes } from '../rest.ts';
import { AttachmentLinksRequest } from './attachments.ts';
import { BlockVisitorRequest } from './blocks.ts';
import { IdParams } from './conversations.ts';
import type { Endpoint } from './endpoint.ts';
import { Ok } from './records.ts';
import { ChallengeQuery } from './sessions.ts';

const Block = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  kind: Type.Union([Type.Literal('visitor'), Type.Literal('ip')]),
  value: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.Integer(),
});

/** Abuse resistance: signed download links, the proof-of-work challenge, and per-site blocks (issue 17). */
export const securityEndpoints: Endpoint[] = [
  {
    method: 'get', path: Routes.visitorChallenge, tag: 'Visitors', auth: 'none',
    summary: 'A proof-of-work challenge for a new visitor session (site setting proofOfWork)', query: ChallengeQuery,
    description: 'Find a `nonce` whose SHA-256 of `challenge:nonce` starts with `difficulty` zero bits, and send `pow: { challenge, nonce }` with POST /visitor/session. Valid two minutes, taken once.',
    response: { status: 200, description: 'the challenge (difficulty 0: the site asks for none)', schema: Type.Object({ challenge: Type.String(), difficulty: Type.Integer(), expiresAt: Type.Integer() }) },
    errors: ['not_found'],
  },
  {
    method: 'post', path: Routes.attachmentLinks, tag: 'Attachments', auth: 'any', body: AttachmentLinksRequest,
    summary: 'Short-lived signed download links for files the caller may read (the others are left out)',
    response: { status: 200, description: 'a link per readable id, valid PARLEY_ATTACHMENT_LINK_TTL seconds', schema: Type.Object({ links: Type.Record(Type.String(), Type.Object({ url: Type.String(), expiresAt: Type.Integer() })) }) },
  },
  {
    method: 'post', path: Routes.visitorBlock, tag: 'Visitors', auth: 'staff', params: IdParams, body: BlockVisitorRequest,
    summary: 'Block a visitor of the site, and with `ip` the address of their latest session',
    response: { status: 201, description: 'the blocks made (or already there)', schema: Type.Object({ blocks: Type.Array(Block) }) },
    errors: ['not_found'],
  },
  {
    method: 'get', path: Routes.blocks, tag: 'Visitors', auth: 'staff',
    summary: 'The site\'s blocks, newest first',
    response: { status: 200, description: 'blocks', schema: Type.Object({ blocks: Type.Array(Block) }) },
  },
  {
    method: 'delete', path: Routes.block, tag: 'Visitors', auth: 'staff', params: IdParams,
    summary: 'Lift a block', response: { status: 200, description: 'lifted', schema: Ok },
    errors: ['not_found'],
  },
];

import Type from 'typebox';
import { Closed, Id } from './common.ts';

/** POST /api/v1/attachments/links: signed download links for up to 50 attachments. */
export const AttachmentLinksRequest = Closed({ ids: Type.Array(Id, { minItems: 1, maxItems: 50 }) });
export type AttachmentLinksRequest = Type.Static<typeof AttachmentLinksRequest>;

import Type from 'typebox';
import { FIELD_LIMITS as L } from '../limits.ts';
import { Closed, NonBlank } from './common.ts';

/** POST /api/v1/canned-responses (staff). Both are stored trimmed. */
export const CreateCannedRequest = Closed({ shortcut: NonBlank(L.cannedShortcut), text: NonBlank(L.cannedText) });
export type CreateCannedRequest = Type.Static<typeof CreateCannedRequest>;

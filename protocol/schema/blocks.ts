import Type from 'typebox';
import { Closed } from './common.ts';

/** POST /api/v1/visitors/:id/block (staff): `ip` also blocks the address the visitor last came from. */
export const BlockVisitorRequest = Closed({ ip: Type.Optional(Type.Boolean()) });
export type BlockVisitorRequest = Type.Static<typeof BlockVisitorRequest>;

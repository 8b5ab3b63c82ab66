import { CONVERSATION_STATUSES, type VisitorContext } from '../../protocol/index.ts';
import { v, type Schema } from './validate.ts';

/** Body schemas shared by several routes. */
export const MAX_ID = 128;
export const id = v.string({ min: 1, max: MAX_ID });

const short = v.optional(v.string({ max: 2048 }));
export const visitorContext: Schema<VisitorContext> = v.object({
  url: short,
  title: short,
  referrer: short,
  language: v.optional(v.string({ max: 64 })),
  timezone: v.optional(v.string({ max: 64 })),
  localTime: v.optional(v.string({ max: 64 })),
  userAgent: v.optional(v.string({ max: 512 })),
  attributes: v.optional(
    v.record(
      (value, path) => {
        if (typeof value === 'number' || typeof value === 'boolean') return value;
        return v.string({ max: 1000 })(value, path);
      },
      { maxKeys: 50, maxKeyLength: 64 },
    ),
  ),
});

export const conversationStatus = v.oneOf(CONVERSATION_STATUSES);

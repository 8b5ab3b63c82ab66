import type { Rating } from '../../protocol/index.ts';
import { ParleyError } from '../errors.ts';

/** What rateConversation takes. */
export interface RatingInput {
  conversationId: string;
  score: number;
  comment: string | null;
  by: { kind: 'visitor'; id: string };
  byName?: string;
  at: number;
  /** A rating may be changed this long after it was first given. */
  changeableMs: number;
}

/** The rating columns of a conversations row. */
export interface RatingColumns {
  status: string;
  rating_score: number | null;
  rating_comment: string | null;
  rated_at: number | null;
  rating_changed_at: number | null;
}

/**
 * The rules both stores apply inside the transaction: only a resolved conversation is rated (the
 * widget asks after a resolve), a rating may be changed for a while after it was first given, and
 * the same rating again changes nothing (null: no event).
 */
export function ratingChange(row: RatingColumns, input: RatingInput): { firstAt: number } | null {
  if (row.status !== 'resolved') throw new ParleyError('conflict', 'Only a resolved conversation can be rated.');
  if (row.rated_at !== null && input.at - row.rated_at > input.changeableMs) throw new ParleyError('conflict', 'This rating can no longer be changed.');
  if (row.rating_score === input.score && (row.rating_comment ?? null) === input.comment) return null;
  return { firstAt: row.rated_at ?? input.at };
}

/** The rating as a Conversation carries it; undefined when none was given. */
export function ratingFromRow(r: Pick<RatingColumns, 'rating_score' | 'rating_comment' | 'rating_changed_at'>): Rating | undefined {
  if (r.rating_score === null || r.rating_score === undefined) return undefined;
  const rating: Rating = { score: Number(r.rating_score), ratedAt: Number(r.rating_changed_at) };
  if (r.rating_comment) rating.comment = r.rating_comment;
  return rating;
}

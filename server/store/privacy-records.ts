import type { Visitor } from '../../protocol/index.ts';

/**
 * The Store's privacy part (issue 20): finding everything about one person for an access request
 * (export) and an erasure request. Run on every implementation by privacy.suite.ts.
 */
export interface PrivacyStore {
  /**
   * The site's visitors with this email, compared without case: one person may be several visitor
   * records (anonymous visitors who left the address on the offline card, and the identified one).
   */
  findVisitorsByEmail(siteId: string, email: string): Promise<Visitor[]>;
}

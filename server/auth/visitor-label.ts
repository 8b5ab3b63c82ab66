import { createHash } from 'node:crypto';

/**
 * A stable, friendly label for an anonymous visitor ("Blue Otter"), derived from the visitor id so
 * the same visitor always gets the same label and staff can tell visitors apart at a glance.
 */
const ADJECTIVES = [
  'Amber', 'Blue', 'Brave', 'Bright', 'Calm', 'Clever', 'Coral', 'Crimson', 'Curious', 'Gentle',
  'Golden', 'Green', 'Happy', 'Indigo', 'Jolly', 'Kind', 'Lively', 'Lucky', 'Mellow', 'Misty',
  'Noble', 'Olive', 'Quiet', 'Rapid', 'Rosy', 'Silver', 'Sunny', 'Swift', 'Teal', 'Violet', 'Warm', 'Witty',
];
const ANIMALS = [
  'Badger', 'Bear', 'Beaver', 'Crane', 'Deer', 'Dolphin', 'Eagle', 'Falcon', 'Finch', 'Fox',
  'Gecko', 'Hare', 'Heron', 'Ibis', 'Koala', 'Lark', 'Lemur', 'Lynx', 'Marten', 'Moose',
  'Otter', 'Owl', 'Panda', 'Puffin', 'Quail', 'Raven', 'Robin', 'Seal', 'Sparrow', 'Swan', 'Tiger', 'Wren',
];

export function visitorLabel(visitorId: string): string {
  const h = createHash('sha256').update(visitorId).digest();
  return `${ADJECTIVES[h[0] % ADJECTIVES.length]} ${ANIMALS[h[1] % ANIMALS.length]}`;
}

// Every lazy part a chatting visitor may need, as one chunk (why: lazy-parts.ts), "Delete my data"
// included (as a chunk of its own 1.3 KB, here ~0.5 KB). Rarer parts stay chunks of their own: the
// HTTP fallback, proof of work and the site owner's console hints; so do the strings of each language.
export * from './MessageList.tsx';
export * from './Preview.tsx';
export * from './ConversationParts.tsx';
export * from './FileParts.tsx';
export * from './EmailParts.tsx';
export * from './PreChat.tsx';
export * from './HoursParts.tsx';
export * from './PrivacyParts.tsx';
export * from './UnreadElsewhere.tsx';
export * from '../part-strings.ts';
export { createUploads } from '../uploads.ts';
export { createTitleFlasher } from '../title-flasher.ts';
export { createTypingThrottle } from '../../client/typing-throttle.ts';

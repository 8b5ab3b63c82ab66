import { lazyPart } from './use-lazy.ts';

/**
 * The parts below are one lazy chunk (chat-parts.ts), not one each: they come in one request, and
 * gzip compresses them as one text. Measured with widget/budget.test.ts: as fourteen chunks 13.3 KB
 * gzipped, as one 9.5 KB (10.4 KB now, with "Delete my data" and the team picker). A first open fetches none of them; the first that is wanted (usually the thread, when the
 * visitor starts typing) brings the rest.
 */
const parts = () => import('./chat-parts.ts');

/** The widget's email parts (EmailParts.tsx): most visitors never see them, so the first open does not carry them. */
export const useEmailParts = lazyPart(parts);

/** The pre-chat form (PreChat.tsx): only sites that ask for an email before the chat show it. */
export const usePreChat = lazyPart(parts);

/** Several conversations (ConversationParts.tsx): the list, and the footer of a resolved conversation with its rating. */
export const useConversationParts = lazyPart(parts);

/** Files in the chat (FileParts.tsx): attachments in messages and the composer's upload chips. */
export const useFileParts = lazyPart(parts);

/**
 * The message thread (MessageList.tsx: bubbles, delivery state, typing, older pages): a first open
 * without a conversation shows only the greeting (Intro.tsx); the thread loads with the first
 * conversation, or as soon as the visitor starts typing.
 */
export const useThread = lazyPart(parts);

/** The preview of a staff message beside the closed launcher (Preview.tsx). */
export const usePreview = lazyPart(parts);

/** Business hours and the queue (HoursParts.tsx): "Back Monday 9:00" and the visitor's place in the queue. */
export const useHoursParts = lazyPart(parts);

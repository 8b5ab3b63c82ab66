import { lazyPart } from './use-lazy.ts';

/** The widget's email parts (EmailParts.tsx): most visitors never see them, so the first open does not carry them. */
export const useEmailParts = lazyPart(() => import('./EmailParts.tsx'));

/** The pre-chat form (PreChat.tsx): only sites that ask for an email before the chat show it. */
export const usePreChat = lazyPart(() => import('./PreChat.tsx'));

/** Several conversations (ConversationParts.tsx): the list, and the footer of a resolved conversation with its rating. */
export const useConversationParts = lazyPart(() => import('./ConversationParts.tsx'));

/** Files in the chat (FileParts.tsx): attachments in messages and the composer's upload chips. */
export const useFileParts = lazyPart(() => import('./FileParts.tsx'));

/**
 * The message thread (MessageList.tsx: bubbles, delivery state, typing, older pages): a first open
 * without a conversation shows only the greeting (Intro.tsx); the thread loads with the first
 * conversation, or as soon as the visitor starts typing.
 */
export const useThread = lazyPart(() => import('./MessageList.tsx'));

/** The preview of a staff message beside the closed launcher (Preview.tsx). */
export const usePreview = lazyPart(() => import('./Preview.tsx'));

/** Business hours and the queue (HoursParts.tsx): "Back Monday 9:00" and the visitor's place in the queue. */
export const useHoursParts = lazyPart(() => import('./HoursParts.tsx'));

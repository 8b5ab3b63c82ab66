/**
 * The first open's side of the lazy parts' strings (part-strings.ts, itself lazy): which language they
 * speak, and a promise that they are loaded in it. Kept this small because the first open carries it.
 */
let language = 'en';
let used: Promise<void> | 0 = 0;

/** Loads the parts' strings in the current language (use-lazy.ts and lazy-uploads.ts wait for it). */
export const partStringsReady = (): Promise<void> => (used = import('./ui/chat-parts.ts').then((m) => m.loadPartStrings(language)));

/** The widget's language changed (mount.tsx): parts already shown switch before this settles; none shown, nothing is fetched. */
export const setPartLanguage = (locale: string): Promise<void> | 0 => ((language = locale), used && partStringsReady());

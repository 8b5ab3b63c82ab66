import type { KeyValueStorage } from '../../client/api.ts';
import { createStore } from '../state/store.ts';

/**
 * Light or dark: the agent's choice (kept per browser), else the system's. Applied as
 * `<html data-theme="light|dark">`, which the stylesheet's color variables follow; with 'system' it
 * tracks prefers-color-scheme live (an OS switching to dark at sunset switches the dashboard too).
 */
export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEMES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
export const THEME_KEY = 'parley.dashboard.theme';

interface ThemeEnv {
  storage: KeyValueStorage;
  root: HTMLElement;
  /** window.matchMedia; absent in old browsers (then 'system' means light). */
  matchMedia?: (query: string) => MediaQueryList;
}

export const themeStore = createStore<ThemeChoice>('system');

export function initTheme(env: ThemeEnv): () => void {
  let saved: string | null = null;
  try {
    saved = env.storage.getItem(THEME_KEY);
  } catch {
    // storage blocked: follow the system
  }
  themeStore.set(THEMES.includes(saved as ThemeChoice) ? (saved as ThemeChoice) : 'system');
  const dark = env.matchMedia?.('(prefers-color-scheme: dark)');
  const apply = () => {
    const choice = themeStore.get();
    env.root.dataset.theme = choice === 'system' ? (dark?.matches ? 'dark' : 'light') : choice;
  };
  apply();
  dark?.addEventListener('change', apply);
  const off = themeStore.subscribe(apply);
  return () => {
    dark?.removeEventListener('change', apply);
    off();
  };
}

export function chooseTheme(storage: KeyValueStorage, choice: ThemeChoice): void {
  try {
    storage.setItem(THEME_KEY, choice);
  } catch {
    // kept for this page only
  }
  themeStore.set(choice);
}

import { render } from 'preact';
import { safeLocalStorage } from '../client/index.ts';
import { initLanguage } from './app/language.ts';
import { initTheme } from './app/theme.ts';
import { App } from './ui/App.tsx';

// Entry of /dashboard/app.js: pick the agent's language and theme, then mount the app; everything else
// lives in ui/, app/, state/ and i18n/.
initLanguage(safeLocalStorage(), navigator);
initTheme({ storage: safeLocalStorage(), root: document.documentElement, matchMedia: window.matchMedia?.bind(window) });
const root = document.getElementById('app');
if (root) render(<App />, root);

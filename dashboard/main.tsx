import { render } from 'preact';
import { safeLocalStorage } from '../client/index.ts';
import { initLanguage } from './app/language.ts';
import { App } from './ui/App.tsx';

// Entry of /dashboard/app.js: pick the agent's language, then mount the app; everything else
// lives in ui/, app/, state/ and i18n/.
initLanguage(safeLocalStorage(), navigator);
const root = document.getElementById('app');
if (root) render(<App />, root);

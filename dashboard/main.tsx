import { render } from 'preact';
import { App } from './ui/App.tsx';

// Entry of /dashboard/app.js: mount the app; everything else lives in ui/, app/ and state/.
const root = document.getElementById('app');
if (root) render(<App />, root);

// Each app owns its build parts; this file only gathers them so `npm run build` builds everything.
import widget from './widget/rollup.parts.mjs';
import dashboard from './dashboard/rollup.parts.mjs';

export default [...widget, ...dashboard];

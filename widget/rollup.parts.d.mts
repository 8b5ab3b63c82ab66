import type { RollupOptions } from 'rollup';
/** The widget's build parts (widget.js, ui.js, parley.esm.js); see rollup.parts.mjs. */
declare const parts: RollupOptions[];
export default parts;

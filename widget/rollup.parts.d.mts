import type { RollupOptions } from 'rollup';
/** The widget's build parts (ui.<hash>.js and its chunks, parley.esm.js, widget.js), writing into outDir; see rollup.parts.mjs. */
export declare function widgetParts(outDir?: string): RollupOptions[];
declare const parts: RollupOptions[];
export default parts;

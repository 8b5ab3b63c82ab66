/**
 * Set by the build (widget/rollup.parts.mjs): each lazy entry's content-hashed file name, e.g.
 * { ui: 'ui.1a2b3c4d5e.js' }. Undefined when the sources run unbuilt (unit tests).
 */
declare const __PARLEY_CHUNKS__: { readonly [entry: string]: string } | undefined;

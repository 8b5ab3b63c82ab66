import { createElement, Fragment, type ComponentChild, type ComponentType } from 'preact';

/**
 * The automatic JSX runtime the widget is compiled against (rollup.parts.mjs points preact/jsx-runtime
 * here): Preact's own carries a second vnode factory beside the core's createElement, which render()
 * needs anyway. Same vnodes, same key and ref handling; ~200 B less in the first open.
 */
export { Fragment };

export function jsx(type: string | ComponentType<Record<string, unknown>>, props: Record<string, unknown>, key?: string | number): ComponentChild {
  if (key !== undefined) props.key = key;
  return createElement(type as string, props);
}

export { jsx as jsxs };

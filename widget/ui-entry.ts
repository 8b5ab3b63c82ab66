import { mount } from './ui/mount.tsx';

/**
 * ui.js — loaded by widget.js when the browser is idle or the launcher is clicked. It hands its mount
 * function to the loader through the one global, so it adds no global of its own.
 */
try {
  (window as unknown as { Parley?: (cmd: string, fn: unknown) => void }).Parley?.('__mount', mount);
} catch (e) {
  try {
    console.error(e);
  } catch {
    /* no console */
  }
}

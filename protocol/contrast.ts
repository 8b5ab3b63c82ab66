/**
 * Contrast of the widget's white text on a site's accent colour (WCAG 2 relative luminance). The
 * server refuses an accent below MIN_ACCENT_CONTRAST and the dashboard shows the ratio while the
 * admin picks, with the nearest darker shade that passes: one rule for both, so they never disagree.
 */
export const MIN_ACCENT_CONTRAST = 4.5;

/** `#rgb` or `#rrggbb` as [r, g, b] 0..255; null for anything else. */
export function parseHexColor(value: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!m) return null;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Contrast ratio of white on this colour (1 to 21), rounded down to 2 decimals so "4.5" never hides 4.499. */
export function whiteContrast(rgb: [number, number, number]): number {
  return Math.floor((1.05 / (luminance(rgb) + 0.05)) * 100) / 100;
}

const hex = (rgb: [number, number, number]) => '#' + rgb.map((c) => c.toString(16).padStart(2, '0')).join('');

export interface AccentCheck {
  /** The colour as `#rrggbb`, lowercase. */
  color: string;
  ratio: number;
  ok: boolean;
  /** When not ok: the same hue darkened just enough to pass. */
  suggestion?: string;
}

/** Checks an accent; null when it is not a hex colour. */
export function checkAccent(value: string): AccentCheck | null {
  const rgb = parseHexColor(value);
  if (!rgb) return null;
  const ratio = whiteContrast(rgb);
  if (ratio >= MIN_ACCENT_CONTRAST) return { color: hex(rgb), ratio, ok: true };
  // Scale the channels down in 1 % steps: the first that passes is the closest darker shade.
  let suggestion = '#000000';
  for (let f = 0.99; f > 0; f -= 0.01) {
    const darker = rgb.map((c) => Math.round(c * f)) as [number, number, number];
    if (whiteContrast(darker) >= MIN_ACCENT_CONTRAST) {
      suggestion = hex(darker);
      break;
    }
  }
  return { color: hex(rgb), ratio, ok: false, suggestion };
}

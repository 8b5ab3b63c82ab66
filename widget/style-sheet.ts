/**
 * Adds CSS to the widget's shadow root in a way a host page's Content-Security-Policy allows without
 * `style-src 'unsafe-inline'`: a constructable stylesheet (CSP governs <style> elements and style
 * attributes, not sheets built through the CSSOM). Browsers without them (Safari before 16.4) get a
 * <style> element carrying the nonce the shadow host was given (the `nonce` boot option, by default
 * the nonce of widget.js's own script tag), which a nonce-based CSP allows.
 * Returns a function that takes the sheet away again.
 */
export function addSheet(root: ShadowRoot, css: string): () => void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return () => {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  } catch {
    const el = (root.ownerDocument || document).createElement('style');
    const nonce = (root.host as HTMLElement).nonce;
    if (nonce) el.nonce = nonce;
    el.textContent = css;
    root.appendChild(el);
    return () => el.remove();
  }
}

/**
 * A Content-Disposition value that is safe for any file name: an ASCII fallback (quotes, backslashes
 * and non-ASCII replaced) plus the RFC 5987 `filename*` with the exact UTF-8 name percent-encoded.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

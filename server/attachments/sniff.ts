import { ATTACHMENT_TYPES, type AttachmentType } from '../../protocol/index.ts';

/**
 * Decides an upload's type from its bytes alone; the declared Content-Type and file name are ignored.
 * Anything not on the allowlist (protocol ATTACHMENT_TYPES) is null, which the route turns into
 * `unsupported_media_type`.
 *
 * text/plain is the fallback for bytes that are valid UTF-8 without NULs, except markup: text that
 * starts like HTML, SVG or XML (the WHATWG MIME sniffing patterns) is refused, so a page cannot be
 * smuggled in as "text" and rendered by some viewer that ignores nosniff.
 */
const startsWith = (b: Uint8Array, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((ch) => ch.charCodeAt(0));

export function sniffType(bytes: Uint8Array): AttachmentType | null {
  const sniffer = createSniffer();
  sniffer.push(bytes);
  return sniffer.type();
}

/**
 * The same decision made on a stream, chunk by chunk, keeping a few bytes (the magic numbers) and the
 * first 64 characters of text: an upload is sniffed while it is written to disk, never held in memory.
 */
export interface Sniffer {
  push(chunk: Uint8Array): void;
  /** The type of everything pushed so far, as a whole file. */
  type(): AttachmentType | null;
}

const HEAD_BYTES = 16;
const HEAD_CHARS = 64;

export function createSniffer(): Sniffer {
  const head = new Uint8Array(HEAD_BYTES);
  let headLength = 0;
  let total = 0;
  // Text stays possible while every byte so far is valid UTF-8 (streamed: a character may span chunks) without NUL.
  let text = true;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lead = '';
  let flushed = false;
  const keepLead = (chars: string) => {
    if (lead.length >= HEAD_CHARS) return;
    // Leading whitespace and a BOM are skipped (as the markup check trims them), however long they are.
    lead = (lead + chars).replace(/^\uFEFF/, '').trimStart().slice(0, HEAD_CHARS);
  };
  return {
    push(chunk) {
      if (chunk.byteLength === 0) return;
      if (headLength < HEAD_BYTES) {
        const take = chunk.subarray(0, HEAD_BYTES - headLength);
        head.set(take, headLength);
        headLength += take.byteLength;
      }
      total += chunk.byteLength;
      if (!text) return;
      if (chunk.includes(0)) {
        text = false;
        return;
      }
      try {
        keepLead(decoder.decode(chunk, { stream: true }));
      } catch {
        text = false;
      }
    },
    type() {
      if (total === 0) return null;
      const bytes = head.subarray(0, headLength);
      if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
      if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
      if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
      if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
      if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
      if (!text) return null;
      if (!flushed) {
        flushed = true;
        try {
          keepLead(decoder.decode());
        } catch {
          text = false; // the file ends inside a character
          return null;
        }
      }
      return MARKUP.test(lead) ? null : 'text/plain';
    },
  };
}

/** Markup openings (WHATWG "HTML" sniff patterns plus SVG/XML): a tag name then a tag-terminating char. */
const MARKUP = /^(<!--|<\?xml|<(!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|svg|object|embed|meta|link|img|form)([\s>/]|$))/i;

const EXTENSIONS: Record<AttachmentType, string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'text/plain': ['txt', 'text', 'log', 'md', 'csv', 'json'],
};

/**
 * Characters that change how a name looks without being seen: bidi controls (U+202E turns
 * `invoice\u202Egnp.txt` into "invoicetxt.png" on screen), zero-width and other invisible format
 * characters, and Unicode tag characters. Each becomes a visible `_`. The joiners (U+200C, U+200D) stay:
 * Persian and Indic words and emoji sequences need them, and they reorder nothing.
 */
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u200e\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;

/**
 * A display name that cannot lie about the type: control characters, invisible characters and path
 * separators replaced, length capped, and the sniffed type's extension appended when the name claims another one.
 */
export function safeFileName(declared: string | undefined, type: AttachmentType): string {
  let name = (declared ?? '').normalize('NFC').replace(/[\u0000-\u001f\u007f\\/]/g, '_').replace(INVISIBLE, '_').trim();
  name = name.replace(/^\.+/, '');
  if (!name) name = 'file';
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (!EXTENSIONS[type].includes(ext)) name = `${name}.${EXTENSIONS[type][0]}`;
  if (name.length > 200) name = name.slice(0, 190) + '.' + EXTENSIONS[type][0];
  return name;
}

export const isImageType = (t: string): boolean => t.startsWith('image/') && (ATTACHMENT_TYPES as readonly string[]).includes(t);

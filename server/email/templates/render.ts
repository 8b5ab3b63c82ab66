/**
 * One template set, two renderings: an email is a list of blocks, rendered once as plain text and
 * once as HTML (table layout and inline styles, what mail clients render alike). Everything from
 * people (messages, names, the site's name) is escaped in the HTML: user text is rendered as text.
 */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'messages'; title?: string; faded?: boolean; items: MessageItem[] }
  | { kind: 'button'; label: string; url: string }
  | { kind: 'small'; text: string; link?: { label: string; url: string } };

export interface MessageItem {
  author: string;
  time: string;
  text: string;
  /** "Attachment: name" lines. */
  attachments: string[];
}

export interface EmailDocument {
  lang: string;
  dir: 'ltr' | 'rtl';
  subject: string;
  /** Hidden preview line most clients show after the subject. */
  preview: string;
  accent: string;
  blocks: Block[];
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function renderEmail(doc: EmailDocument): RenderedEmail {
  return { subject: doc.subject.replace(/[\r\n]+/g, ' ').slice(0, 200), text: renderText(doc), html: renderHtml(doc) };
}

function renderText(doc: EmailDocument): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'heading') out.push(b.text, '='.repeat(Math.min(60, b.text.length)));
    else if (b.kind === 'paragraph') out.push(b.text);
    else if (b.kind === 'button') out.push(`${b.label}: ${b.url}`);
    else if (b.kind === 'small') out.push(b.link ? `${b.text}\n${b.link.label}: ${b.link.url}` : b.text);
    else {
      const lines: string[] = b.title ? [`-- ${b.title} --`] : [];
      for (const m of b.items) {
        lines.push(`${m.author} (${m.time}):`);
        for (const line of [...(m.text ? m.text.split('\n') : []), ...m.attachments]) lines.push(`${b.faded ? '| ' : '  '}${line}`);
      }
      out.push(lines.join('\n'));
    }
  }
  return out.join('\n\n') + '\n';
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const multiline = (s: string) => escapeHtml(s).replace(/\n/g, '<br>');
const FONT = 'font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;';

function renderHtml(doc: EmailDocument): string {
  const accent = /^#[0-9a-f]{3,8}$/i.test(doc.accent) ? doc.accent : '#2563eb';
  const align = doc.dir === 'rtl' ? 'right' : 'left';
  const cell = (html: string, style = '') => `<tr><td style="${FONT}padding:8px 24px;text-align:${align};${style}">${html}</td></tr>`;
  const rows = doc.blocks.map((b) => {
    if (b.kind === 'heading') return cell(`<h1 style="margin:0;font-size:20px;color:#111827">${escapeHtml(b.text)}</h1>`, 'padding-top:24px');
    if (b.kind === 'paragraph') return cell(`<p style="margin:0;font-size:15px;line-height:1.5;color:#111827">${multiline(b.text)}</p>`);
    if (b.kind === 'button') {
      return cell(
        `<a href="${escapeHtml(b.url)}" style="display:inline-block;background:${accent};color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-size:15px">${escapeHtml(b.label)}</a>`,
        'padding-top:16px;padding-bottom:16px',
      );
    }
    if (b.kind === 'small') {
      const link = b.link ? ` <a href="${escapeHtml(b.link.url)}" style="color:#6b7280">${escapeHtml(b.link.label)}</a>` : '';
      return cell(`<p style="margin:0;font-size:12px;line-height:1.5;color:#6b7280">${multiline(b.text)}${link}</p>`);
    }
    const color = b.faded ? '#6b7280' : '#111827';
    const items = b.items
      .map(
        (m) =>
          `<div style="margin:0 0 12px;padding:8px 12px;border-${align}:3px solid ${b.faded ? '#e5e7eb' : accent}">` +
          `<div style="font-size:13px;color:#6b7280"><strong style="color:${color}">${escapeHtml(m.author)}</strong> · ${escapeHtml(m.time)}</div>` +
          (m.text ? `<div style="font-size:15px;line-height:1.5;color:${color};white-space:pre-wrap">${multiline(m.text)}</div>` : '') +
          m.attachments.map((a) => `<div style="font-size:13px;color:#6b7280">${escapeHtml(a)}</div>`).join('') +
          `</div>`,
      )
      .join('');
    const title = b.title ? `<div style="font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#6b7280;margin-bottom:8px">${escapeHtml(b.title)}</div>` : '';
    return cell(title + items);
  });
  return (
    `<!doctype html><html lang="${escapeHtml(doc.lang)}" dir="${doc.dir}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(doc.subject)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f3f4f6">` +
    `<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(doc.preview)}</div>` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6"><tr><td align="center" style="padding:16px 8px">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px;border-top:4px solid ${accent}">` +
    rows.join('') +
    `<tr><td style="padding:8px"></td></tr></table></td></tr></table></body></html>`
  );
}

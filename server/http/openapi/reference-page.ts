import type { OpenApiDocument } from './document.ts';

/**
 * The OpenAPI document as one readable HTML page, rendered on the server: no script, no CDN, no font or
 * style from elsewhere (it works offline and under `default-src 'none'`). Per route: method and path,
 * who may call it, its parameters and body fields with their limits, an example, and its answers.
 */
type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[]; description?: string };
type Op = { summary: string; description?: string; tags: string[]; operationId: string; parameters?: { name: string; in: string; required: boolean; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema; example?: unknown }> }; responses: Record<string, { description: string; content?: Record<string, { schema?: Schema }> }> };

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const code = (s: unknown) => `<code>${esc(s)}</code>`;
/** Inline `code` in the document's sentences, the only markup they use. */
const prose = (s: string) => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\n\n/g, '</p><p>');

export function renderReferencePage(doc: OpenApiDocument): string {
  const info = doc.info as { title: string; version: string; description: string };
  const ops = Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ path, method, op: op as unknown as Op })));
  const tags = [...new Set(ops.map((o) => o.op.tags[0]))];
  const sections = tags.map((tag) => {
    const inTag = ops.filter((o) => o.op.tags[0] === tag);
    return `<section><h2 id="${esc(slug(tag))}">${esc(tag)}</h2>${inTag.map(({ path, method, op }) => operation(path, method, op)).join('')}</section>`;
  });
  const toc = tags.map((t) => `<li><a href="#${esc(slug(t))}">${esc(t)}</a><ul>${ops.filter((o) => o.op.tags[0] === t).map((o) => `<li><a href="#${esc(o.op.operationId)}"><span class="m ${o.method}">${o.method.toUpperCase()}</span> ${esc(o.path)}</a></li>`).join('')}</ul></li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(info.title)}</title><style>${STYLE}</style></head><body>
<nav><p><strong>${esc(info.title)}</strong> v${esc(info.version)}</p><p><a href="/api/v1/openapi.json">openapi.json</a></p><ul>${toc}</ul></nav>
<main><h1>${esc(info.title)}</h1><p>${prose(info.description)}</p><p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</p>${sections.join('')}</main></body></html>`;
}

function operation(path: string, method: string, op: Op): string {
  const params = op.parameters ?? [];
  const body = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
  const answers = Object.entries(op.responses)
    .map(([status, r]) => `<li>${code(status)} ${prose(r.description)}${r.content?.['application/json']?.schema && !String(r.content['application/json'].schema.$ref ?? '').includes('Error') ? details('Answer schema', r.content['application/json'].schema) : ''}</li>`)
    .join('');
  return `<article id="${esc(op.operationId)}"><h3><span class="m ${method}">${method.toUpperCase()}</span> ${code(path)}</h3><p>${esc(op.summary)}</p>${op.description ? `<p class="d">${prose(op.description)}</p>` : ''}
${params.length ? `<h4>Parameters</h4>${table(params.map((p) => [p.name, p.in, p.required, p.schema]))}` : ''}
${body ? `<h4>Body <small>${esc(body[0])}</small></h4>${body[1].schema.properties ? table(Object.entries(body[1].schema.properties).map(([n, s]) => [n, 'body', (body[1].schema.required ?? []).includes(n), s])) : `<p>${esc(body[1].schema.description ?? '')}</p>`}${body[1].example !== undefined ? `<p>Example:</p><pre>${esc(JSON.stringify(body[1].example, null, 2))}</pre>` : ''}` : ''}
<h4>Answers</h4><ul>${answers}</ul></article>`;
}

function table(rows: [string, string, boolean, Schema][]): string {
  return `<table><tr><th>field</th><th>in</th><th>type and rules</th><th></th></tr>${rows.map(([n, where, req, s]) => `<tr><td>${code(n)}</td><td>${esc(where)}</td><td>${esc(describe(s))}</td><td>${req ? 'required' : 'optional'}</td></tr>`).join('')}</table>`;
}

/** A field's schema in words: type, limits, allowed values. */
export function describe(s: Schema): string {
  if (Array.isArray(s.enum)) return `one of ${s.enum.join(', ')}`;
  if (Array.isArray(s.anyOf)) return (s.anyOf as Schema[]).map(describe).join(' or ');
  const parts: string[] = [String(s.type ?? 'any')];
  if (s.minLength !== undefined || s.maxLength !== undefined) parts.push(`${s.minLength ?? 0}-${s.maxLength ?? '∞'} chars`);
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined && s.maximum !== Number.MAX_SAFE_INTEGER) parts.push(`≤ ${s.maximum}`);
  if (s.maxItems !== undefined) parts.push(`≤ ${s.maxItems} items`);
  if (s.maxProperties !== undefined) parts.push(`≤ ${s.maxProperties} keys`);
  if (s.uniqueItems) parts.push('no repeats');
  if (s.type === 'object' && s.properties) parts.push(`{ ${Object.keys(s.properties).join(', ')} }`);
  if (s.description && s.type !== 'object') parts.push(`(${s.description})`);
  return parts.join(', ');
}

function details(title: string, schema: Schema): string {
  return `<details><summary>${esc(title)}</summary><pre>${esc(JSON.stringify(schema, null, 2))}</pre></details>`;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

const STYLE = `body{margin:0;font:15px/1.5 system-ui,sans-serif;color:#1c2430;display:flex}nav{width:300px;flex:none;height:100vh;overflow:auto;position:sticky;top:0;background:#f4f6f9;padding:16px;box-sizing:border-box;font-size:13px}nav ul{list-style:none;padding-left:8px}main{flex:1;max-width:960px;padding:24px 32px;min-width:0}article{border-top:1px solid #dde3ea;padding:12px 0}h3{font-size:17px;margin:8px 0}code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f4f6f9;padding:8px;overflow:auto}table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-bottom:1px solid #e6eaef;padding:4px 8px;text-align:left;vertical-align:top}.m{display:inline-block;min-width:52px;font:600 12px ui-monospace,monospace;padding:1px 4px;border-radius:3px;color:#fff;text-align:center}.get{background:#2f7d4f}.post{background:#2859a8}.patch,.put{background:#9a6a00}.delete{background:#b3261e}.d{color:#4a5666}a{color:#2859a8}@media (max-width:800px){body{display:block}nav{position:static;width:auto;height:auto}}@media (prefers-color-scheme:dark){body{background:#12161c;color:#dde3ea}nav,pre{background:#1b2129}a{color:#8fb4ff}}`;

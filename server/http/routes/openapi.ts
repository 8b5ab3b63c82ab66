import { Routes } from '../../../protocol/index.ts';
import type { App } from '../env.ts';
import { buildOpenApiDocument } from '../openapi/document.ts';
import { renderReferencePage } from '../openapi/reference-page.ts';

/** GET /api/v1/openapi.json and its readable page, built once from the schema set. */
export function registerOpenApi(app: App): void {
  const document = buildOpenApiDocument();
  const body = JSON.stringify(document);
  const page = renderReferencePage(document);
  app.get(Routes.openapi, (c) => c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' }));
  app.get(Routes.apiReference, (c) =>
    c.body(page, 200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      'Referrer-Policy': 'no-referrer',
    }),
  );
}

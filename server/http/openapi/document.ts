import type { TObject, TSchema } from 'typebox';
import { HttpStatusOf, type ErrorCode } from '../../../protocol/errors.ts';
import { PROTOCOL_VERSION } from '../../../protocol/version.ts';
import { ENDPOINTS, type Endpoint } from '../../../protocol/schema/endpoints.ts';
import { WireErrorRecord } from '../../../protocol/schema/records.ts';

/**
 * The OpenAPI 3.1 document, made from the endpoint table and the very schemas the routes check input
 * with (TypeBox schemas are JSON Schema 2020-12, OpenAPI 3.1's dialect: they go in as they are).
 */
export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, Operation>> };
type Operation = Record<string, unknown>;

/** Errors every authenticated route may answer. */
const COMMON_ERRORS: ErrorCode[] = ['bad_request', 'unauthorized', 'forbidden'];

const SECURITY: Record<Endpoint['auth'], Record<string, string[]>[]> = {
  none: [],
  visitor: [{ bearer: [] }],
  staff: [{ bearer: [] }, { sessionCookie: [] }, { apiToken: [] }],
  admin: [{ bearer: [] }, { sessionCookie: [] }, { apiToken: [] }],
  any: [{ bearer: [] }, { sessionCookie: [] }, { apiToken: [] }],
  metrics: [{ metricsToken: [] }],
};
const WHO: Record<Endpoint['auth'], string> = {
  none: 'No token.',
  visitor: 'Visitors only.',
  staff: 'Staff (agents and admins).',
  admin: 'Admins only.',
  any: 'A visitor (their own conversations) or staff (their site\'s).',
  metrics: 'The metrics token.',
};

/** With an API token: write as this named agent of the token's site instead of as the token's bot. */
const AGENT_PARAMETER = {
  name: 'Parley-Agent',
  in: 'header',
  required: false,
  description: 'API tokens only: the staff id of an agent of the token\'s site to write as (default: the token itself, a bot named like it).',
  schema: { type: 'string', minLength: 1, maxLength: 128 },
};

export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:(\w+)/g, '{$1}');
}

export function buildOpenApiDocument(endpoints: readonly Endpoint[] = ENDPOINTS): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const e of endpoints) (paths[openApiPath(e.path)] ??= {})[e.method] = operation(e);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parley REST API',
      version: `${PROTOCOL_VERSION}`,
      description:
        'The REST API of a Parley server. JSON in and out; errors are `{ code, message }` with a stable code (protocol/errors.ts) and a sentence naming the field. Every body, query and path field is checked against the schema shown here, the same one the WebSocket protocol uses.',
    },
    tags: [...new Set(endpoints.map((e) => e.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A visitor token (POST /api/v1/visitor/session) or a staff session token (POST /api/v1/staff/login).' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'parley_session', description: 'The staff session cookie the dashboard uses (httpOnly).' },
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API token (`prl_…`, made by an admin in Settings → API tokens). Scopes: `read` for GET, `write` for every other method, `admin` for the admin routes. It writes as itself (a bot with the token\'s name), or as a named agent of its site with the header `Parley-Agent: <staff id>`. Rate limited per token (PARLEY_API_TOKEN_RATE_BURST, PARLEY_API_TOKEN_RATE_PER_SEC). Not accepted from browsers (requests with a cross-origin `Origin`).',
        },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'PARLEY_METRICS_TOKEN.' },
      },
      schemas: { Error: json(WireErrorRecord) },
    },
  };
}

function operation(e: Endpoint): Operation {
  const op: Operation = {
    operationId: operationId(e),
    tags: [e.tag],
    summary: e.summary,
    description: [e.description, WHO[e.auth]].filter(Boolean).join('\n\n'),
    security: SECURITY[e.auth],
  };
  const parameters: Record<string, unknown>[] = [...fields(e.params, 'path'), ...fields(e.query, 'query')];
  if (e.method !== 'get' && (e.auth === 'staff' || e.auth === 'any')) parameters.push(AGENT_PARAMETER);
  if (parameters.length) op.parameters = parameters;
  if (e.body) op.requestBody = requestBody(e);
  op.responses = responses(e);
  return op;
}

function operationId(e: Endpoint): string {
  const words = e.path.replace(/^\/api\/v1\//, '').split(/[/.-]/).filter(Boolean).map((w) => (w.startsWith(':') ? 'by-' + w.slice(1) : w));
  return [e.method, ...words].map((w, i) => (i === 0 ? w : w.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()))).join('');
}

function fields(schema: TObject | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(schema.properties as Record<string, TSchema & { description?: string }>).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(s.description ? { description: s.description } : {}),
    schema: json(s),
  }));
}

function requestBody(e: Endpoint) {
  const type = e.bodyType === 'multipart' ? 'multipart/form-data' : e.bodyType === 'form' ? 'application/x-www-form-urlencoded' : e.bodyType === 'mime' ? 'message/rfc822' : 'application/json';
  const media: Record<string, unknown> = { schema: json(e.body!) };
  if (e.example?.body !== undefined) media.example = e.example.body;
  return { required: e.bodyType !== 'form', content: { [type]: media } };
}

function responses(e: Endpoint) {
  const ok = e.response;
  const content = ok.schema ? { 'application/json': { schema: json(ok.schema) } } : ok.contentType ? { [ok.contentType]: {} } : undefined;
  const out: Record<string, unknown> = { [ok.status]: { description: ok.description, ...(content ? { content } : {}) } };
  const codes = [...(e.auth === 'none' ? ['bad_request' as const] : COMMON_ERRORS), ...(e.errors ?? [])];
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) byStatus.set(HttpStatusOf[code], [...(byStatus.get(HttpStatusOf[code]) ?? []), code]);
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[status] = { description: `code: ${list.map((c) => `\`${c}\``).join(', ')}`, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  return out;
}

/** A schema as plain JSON (TypeBox keeps its own bookkeeping in symbol keys, which JSON drops). */
function json(schema: TSchema): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema));
}

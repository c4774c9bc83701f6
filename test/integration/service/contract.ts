import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { openapiPath } from '../../../service/write-openapi';

/** One answer the test client saw. */
export interface RecordedResponse {
  method: string;
  /** The concrete path, without the query. */
  path: string;
  status: number;
  contentType: string;
  body: unknown;
}

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** The committed document, read once per test file. */
export const openapi = JSON.parse(readFileSync(openapiPath, 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// OpenAPI's own format for bytes; nothing for a JSON validator to check.
ajv.addFormat('binary', true);
// The whole document is one schema resource, so `#/components/schemas/...` resolves in it.
ajv.addSchema(openapi, 'openapi.json');

const templates = Object.keys(openapi.paths).map((template) => ({
  template,
  params: (template.match(/\{/g) ?? []).length,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** The route template of a concrete path (`/v1/faxes/abc` → `/v1/faxes/{id}`), literal first. */
export function routeOf(path: string): string | null {
  const matches = templates.filter((t) => t.pattern.test(path)).sort((a, b) => a.params - b.params);
  return matches[0]?.template ?? null;
}

const pointer = (...parts: string[]) =>
  `openapi.json#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

const compiled = new Map<string, ValidateFunction>();
function validator(ref: string): ValidateFunction {
  let validate = compiled.get(ref);
  if (!validate) {
    validate = ajv.getSchema(ref);
    if (!validate) throw new Error(`No schema at ${ref}`);
    compiled.set(ref, validate);
  }
  return validate;
}

/**
 * Checks answers against the document: the route and method exist, the status is declared, the
 * content type is one the document names, and a JSON body matches its schema. An unknown route
 * may only answer with the error shape. Returns one line per problem.
 */
export function checkContract(records: readonly RecordedResponse[]): string[] {
  const problems: string[] = [];
  for (const record of records) {
    const where = `${record.method} ${record.path} → ${record.status}`;
    const template = routeOf(record.path);
    const operation = template ? openapi.paths[template]?.[record.method.toLowerCase()] : undefined;
    if (!template || !operation) {
      const validate = validator('openapi.json#/components/schemas/Error');
      if (record.status !== 404 || !validate(record.body))
        problems.push(`${where}: not in the document, and not a 404 error`);
      continue;
    }
    const declared = operation.responses[String(record.status)];
    if (!declared) {
      problems.push(`${where} (${template}): status not declared`);
      continue;
    }
    const mediaTypes = Object.keys(declared.content ?? {});
    if (mediaTypes.length === 0) {
      if (record.contentType.includes('json') && record.body !== undefined)
        problems.push(`${where}: a body where the document declares none`);
      continue;
    }
    const mediaType = mediaTypes.find((type) => record.contentType.startsWith(type));
    if (!mediaType) {
      problems.push(`${where}: content type ${record.contentType} not in ${mediaTypes.join(', ')}`);
      continue;
    }
    if (!mediaType.includes('json')) continue;
    const validate = validator(
      pointer(
        'paths',
        template,
        record.method.toLowerCase(),
        'responses',
        String(record.status),
        'content',
        mediaType,
        'schema',
      ),
    );
    if (!validate(record.body)) {
      problems.push(`${where}: ${ajv.errorsText(validate.errors)}`);
    }
  }
  return problems;
}

/** Operations in the document (as `METHOD template`) that no recorded answer exercised. */
export function unexercised(records: readonly RecordedResponse[]): string[] {
  const seen = new Set(records.map((r) => `${r.method.toUpperCase()} ${routeOf(r.path)}`));
  return Object.entries(openapi.paths).flatMap(([template, methods]) =>
    Object.keys(methods)
      .map((method) => `${method.toUpperCase()} ${template}`)
      .filter((operation) => !seen.has(operation)),
  );
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { expect } from 'vitest';

/** The admin API's OpenAPI file: tests check every response they get against it. */
const SPEC_FILE = join(import.meta.dirname, '..', '..', 'src', 'staff', 'api', 'openapi.yaml');
interface Operation {
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>;
}
export const spec = parse(readFileSync(SPEC_FILE, 'utf8')) as { paths: Record<string, Record<string, Operation>>; components: { responses: Record<string, Operation['responses'][string]> } };

const ajv = new Ajv2020({ strict: false, allErrors: true });
const addFormats = addFormatsModule as unknown as (instance: Ajv2020) => void;
addFormats(ajv);
ajv.addSchema({ ...spec, $id: 'openapi' } as object, 'openapi');

/** Validates status and JSON body against the operation; returns the parsed body. */
export async function expectMatchesOpenApi(method: string, path: string, response: Response): Promise<unknown> {
  const operation = spec.paths[path]?.[method];
  if (!operation) throw new Error(`${method.toUpperCase()} ${path} is not in openapi.yaml`);
  const status = String(response.status);
  let declared = operation.responses[status];
  if (!declared) throw new Error(`${method.toUpperCase()} ${path} answered ${status}, which openapi.yaml does not declare`);
  if (declared.$ref) declared = spec.components.responses[declared.$ref.split('/').pop()!]!;
  const text = await response.clone().text();
  if (!declared.content) {
    expect(text).toBe('');
    return undefined;
  }
  const body = JSON.parse(text) as unknown;
  const pointer = `openapi#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}/responses/${status}`;
  const schemaRef = operation.responses[status]!.$ref
    ? `openapi#/components/responses/${operation.responses[status]!.$ref!.split('/').pop()}/content/application~1json/schema`
    : `${pointer}/content/application~1json/schema`;
  const validate = ajv.getSchema(schemaRef) ?? ajv.compile({ $ref: schemaRef });
  const valid = validate(body);
  expect(valid, `${method.toUpperCase()} ${path} ${status}: ${ajv.errorsText(validate.errors)}\n${text.slice(0, 500)}`).toBe(true);
  return body;
}

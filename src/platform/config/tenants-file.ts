import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import { DEMO_SETS, SUPPORTED_LOCALES } from './config-types.js';

/**
 * TENANTS_FILE (JSON or YAML) defines several municipalities in one deployment. Secrets should stay
 * in the environment: any string may reference a variable as `${NAME}`, which is filled in here.
 */
const tenantIdPattern = /^[a-z][a-z0-9-]{1,39}$/;

export const rawTenantSchema = z.object({
  id: z.string().regex(tenantIdPattern, 'lower-case letters, digits and dashes, 2–40 characters, starting with a letter'),
  name: z.string().min(1).max(120),
  defaultLocale: z.enum(SUPPORTED_LOCALES, { message: `a language the bot speaks: one of ${SUPPORTED_LOCALES.join(', ')}` }).optional(),
  /** The languages this city offers, in the order of the language buttons (default: LANGUAGES, else all). */
  languages: z
    .array(z.enum(SUPPORTED_LOCALES, { message: `a language the bot speaks: one of ${SUPPORTED_LOCALES.join(', ')}` }))
    .min(1)
    .refine((codes) => new Set(codes).size === codes.length, 'each language once')
    .optional(),
  telegram: z
    .object({
      botToken: z.string().regex(/^\d+:[\w-]{30,}$/, 'a bot token from BotFather (digits:letters)'),
      webhookSecret: z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, '16–256 characters of A–Z, a–z, 0–9, _ and -')
        .optional(),
      /** Broadcast messages per second (Telegram: 30 without paid broadcasts, up to 1000 with them). */
      broadcastRate: z.number().int().min(1).max(1000).optional(),
      /** Telegram's paid broadcasts (charged in Stars) allow more than 30 messages per second. */
      paidBroadcasts: z.boolean().optional(),
    })
    .optional(),
  webchat: z.object({ secret: z.string().min(32, 'at least 32 characters') }).optional(),
  demoContent: z.array(z.enum(DEMO_SETS)).optional(),
  districts: z.array(z.string().min(1).max(80)).max(200).optional(),
  staffEmail: z.email('an e-mail address').optional(),
});
export type RawTenant = z.infer<typeof rawTenantSchema>;

const fileSchema = z.object({ tenants: z.array(rawTenantSchema).min(1, 'at least one tenant') });

export function readTenantsFile(path: string, env: NodeJS.ProcessEnv): RawTenant[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('TENANTS_FILE', `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let data: unknown;
  try {
    data = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError('TENANTS_FILE', `${path} is not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = fileSchema.safeParse(substituteEnv(data, env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // The value itself for a wrong language or demo set (never for secrets: those come from the environment).
    const named = issue.path.at(-1) === 'defaultLocale' || issue.path.includes('languages') || issue.path.includes('demoContent') ? ` (got ${JSON.stringify(valueAt(data, issue.path))})` : '';
    throw new ConfigError('TENANTS_FILE', `${path}: ${issue.path.join('.') || '(top level)'}: ${issue.message}${named}`);
  }
  const ids = parsed.data.tenants.map((tenant) => tenant.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new ConfigError('TENANTS_FILE', `${path}: tenant id "${duplicate}" appears twice`);
  return parsed.data.tenants;
}

function substituteEnv(value: unknown, env: NodeJS.ProcessEnv): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z0-9_]+)\}/g, (_match, name: string) => {
      const resolved = env[name];
      if (resolved === undefined || resolved === '') {
        throw new ConfigError('TENANTS_FILE', `references \${${name}}, but the environment variable ${name} is not set`);
      }
      return resolved;
    });
  }
  if (Array.isArray(value)) return value.map((item) => substituteEnv(item, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteEnv(item, env)]));
  }
  return value;
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node: unknown = data;
  for (const key of path) node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node;
}

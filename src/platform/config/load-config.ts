import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import { DEMO_SETS, SUPPORTED_LOCALES, type AppConfig, type DemoSet, type Locale, type TenantConfig } from './config-types.js';
import { rawTenantSchema, readTenantsFile, type RawTenant } from './tenants-file.js';
import { persistedWebchatSecret } from './webchat-secret.js';

const optional = (schema: z.ZodString) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** A whole number in [min, max]; one message says what is expected whatever is wrong. */
const wholeNumber = (min: number, max: number, fallback: number, expectation: string) =>
  z.preprocess(
    (value) => (value === undefined || value === '' ? fallback : /^\d+$/.test(String(value)) ? Number(value) : Number.NaN),
    z.number({ error: expectation }).int({ error: expectation }).min(min, { error: expectation }).max(max, { error: expectation }),
  );

const PUBLIC_TELEGRAM_API = 'https://api.telegram.org';
const PUBLIC_URL_EXPECTED = 'the public https:// address of this service, e.g. https://bot.example.de (http:// only with a local Bot API server in TELEGRAM_API_ROOT)';

const LANGUAGES_EXPECTED = `a comma list of the languages to offer, each once, from ${SUPPORTED_LOCALES.join(', ')}`;

/** Each variable with what it expects; the message is what the operator reads when it is wrong. */
const envSchema = z.object({
  PORT: wholeNumber(0, 65535, 3000, 'a port number from 0 to 65535'),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  MONGODB_URI: optional(z.string().regex(/^mongodb(\+srv)?:\/\//, 'a MongoDB connection string starting with mongodb:// or mongodb+srv://')),
  TELEGRAM_BOT_TOKEN: optional(rawTenantSchema.shape.telegram.unwrap().shape.botToken),
  TELEGRAM_API_ROOT: z.string().url('an http(s) URL such as https://api.telegram.org').default(PUBLIC_TELEGRAM_API),
  // http:// only with a local Bot API server (see below): Telegram's cloud API calls https webhooks only.
  PUBLIC_URL: optional(z.string().regex(/^https?:\/\/[^/\s]+(\/[^\s]*)?$/, PUBLIC_URL_EXPECTED)),
  TELEGRAM_WEBHOOK_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, '16–256 characters of A–Z, a–z, 0–9, _ and -')),
  TELEGRAM_BROADCAST_RATE: z.preprocess((value) => (value === '' ? undefined : value), wholeNumber(1, 1000, 30, 'messages per second from 1 to 1000').optional()),
  TELEGRAM_PAID_BROADCASTS: z.preprocess((value) => (value === '' ? undefined : value), z.enum(['true', 'false'], { message: 'true or false' }).optional()),
  WEBCHAT_SECRET: optional(z.string().min(32, 'at least 32 random characters (e.g. openssl rand -base64 32)')),
  WEBCHAT_TOKEN_TTL_SECONDS: wholeNumber(60, 86_400, 1800, 'a number of seconds from 60 to 86400'),
  DEFAULT_LOCALE: z.enum(SUPPORTED_LOCALES, { message: `one of ${SUPPORTED_LOCALES.join(', ')}` }).default('de'),
  LANGUAGES: z.preprocess(
    (value) => (value === undefined || value === '' ? undefined : String(value).split(',').map((code) => code.trim()).filter(Boolean)),
    z
      .array(z.enum(SUPPORTED_LOCALES, { message: LANGUAGES_EXPECTED }))
      .min(1, LANGUAGES_EXPECTED)
      .refine((codes) => new Set(codes).size === codes.length, LANGUAGES_EXPECTED)
      .optional(),
  ),
  TEXT_OVERRIDES_DIR: optional(z.string().min(1)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  TENANT_ID: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'lower-case letters, digits and dashes, 2–40 characters').default('kosi'),
  TENANT_NAME: z.string().min(1).max(120).default('KoSI-Lab'),
  TENANTS_FILE: optional(z.string()),
  TRUST_PROXY: wholeNumber(0, 10, 0, 'the number of reverse proxies in front of the service, 0 to 10'),
  COOKIE_SECURE: z.preprocess((value) => (value === '' ? undefined : value), z.enum(['true', 'false'], { message: 'true or false' }).optional()),
  // At least a month (admins must be able to look back at an incident), at most ten years.
  AUDIT_RETENTION_DAYS: wholeNumber(30, 3650, 365, 'a number of days from 30 to 3650'),
  DEMO_CONTENT: optional(z.string().regex(new RegExp(`^(none|(${DEMO_SETS.join('|')})(,(${DEMO_SETS.join('|')}))*)$`), `none, or a comma list of ${DEMO_SETS.join(', ')}`)),
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\/\S+$/, 'an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.de:465')),
  MAIL_FROM: z.string().min(3).default('KoSI-Bot <no-reply@localhost>'),
  STAFF_EMAIL: z.preprocess((value) => (value === '' ? undefined : value), z.email('an e-mail address').optional()),
  ADMIN_EMAIL: z.preprocess((value) => (value === '' ? undefined : value), z.email('an e-mail address').optional()),
  // Checked when the account is created (at least 12 characters), so that it never appears in an error message.
  ADMIN_PASSWORD: optional(z.string()),
});

/** Telegram's bulk limit without paid broadcasts (Bot API FAQ: about 30 messages per second). */
export const FREE_BROADCAST_RATE = 30;

/** A tenant named like a demo city gets that city's content; any other gets both, as a showcase. */
function defaultDemoContent(tenantId: string, setting: string | undefined): DemoSet[] {
  if (setting === 'none') return [];
  if (setting) return setting.split(',') as DemoSet[];
  return (DEMO_SETS as readonly string[]).includes(tenantId) ? [tenantId as DemoSet] : [...DEMO_SETS];
}

/** Reads and validates the environment; throws ConfigError naming the first wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0]);
    throw new ConfigError(variable, `${issue.message} (got ${JSON.stringify(env[variable])})`);
  }
  const vars = parsed.data;
  const dataDir = resolve(vars.DATA_DIR);
  // A local Bot API server (telegram-bot-api --local) delivers to http webhooks on any port and local
  // addresses; the cloud Bot API only to https ones.
  if (vars.PUBLIC_URL?.startsWith('http://') && vars.TELEGRAM_API_ROOT.replace(/\/+$/, '') === PUBLIC_TELEGRAM_API) {
    throw new ConfigError('PUBLIC_URL', `${PUBLIC_URL_EXPECTED} (got ${JSON.stringify(env['PUBLIC_URL'])})`);
  }

  const rawTenants: RawTenant[] = vars.TENANTS_FILE
    ? readTenantsFile(resolve(vars.TENANTS_FILE), env)
    : [
        {
          id: vars.TENANT_ID,
          name: vars.TENANT_NAME,
          telegram: vars.TELEGRAM_BOT_TOKEN
            ? {
                botToken: vars.TELEGRAM_BOT_TOKEN,
                webhookSecret: vars.TELEGRAM_WEBHOOK_SECRET,
                broadcastRate: vars.TELEGRAM_BROADCAST_RATE,
                paidBroadcasts: vars.TELEGRAM_PAID_BROADCASTS === undefined ? undefined : vars.TELEGRAM_PAID_BROADCASTS === 'true',
              }
            : undefined,
          webchat: vars.WEBCHAT_SECRET ? { secret: vars.WEBCHAT_SECRET } : undefined,
          staffEmail: vars.STAFF_EMAIL,
        },
      ];

  const tenants = rawTenants.map((raw): TenantConfig => {
    const where = vars.TENANTS_FILE ? 'TENANTS_FILE' : 'WEBCHAT_SECRET';
    if (!raw.webchat && vars.MONGODB_URI) {
      // Several instances share one database: each must sign Direct Line tokens with the same key.
      throw new ConfigError(where, `tenant "${raw.id}" needs a web chat secret when MONGODB_URI is set (instances must share it)`);
    }
    if (raw.telegram && vars.PUBLIC_URL && !raw.telegram.webhookSecret) {
      throw new ConfigError(
        vars.TENANTS_FILE ? 'TENANTS_FILE' : 'TELEGRAM_WEBHOOK_SECRET',
        `required for tenant "${raw.id}" when PUBLIC_URL is set (webhook mode): 16–256 characters of A–Z, a–z, 0–9, _ and -`,
      );
    }
    const telegram = raw.telegram && { ...raw.telegram, broadcastRate: raw.telegram.broadcastRate ?? FREE_BROADCAST_RATE, paidBroadcasts: raw.telegram.paidBroadcasts ?? false };
    if (telegram && telegram.broadcastRate > FREE_BROADCAST_RATE && !telegram.paidBroadcasts) {
      throw new ConfigError(
        vars.TENANTS_FILE ? 'TENANTS_FILE' : 'TELEGRAM_BROADCAST_RATE',
        `tenant "${raw.id}": more than ${FREE_BROADCAST_RATE} broadcast messages per second need Telegram's paid broadcasts (TELEGRAM_PAID_BROADCASTS=true, paidBroadcasts: true)`,
      );
    }
    const defaultLocale = (raw.defaultLocale ?? vars.DEFAULT_LOCALE) as Locale;
    const languages: readonly Locale[] = raw.languages ?? vars.LANGUAGES ?? SUPPORTED_LOCALES;
    if (!languages.includes(defaultLocale)) {
      throw new ConfigError(
        raw.languages ? 'TENANTS_FILE' : 'LANGUAGES',
        `tenant "${raw.id}": its default language ${defaultLocale} must be one of the languages it offers (${languages.join(', ')})`,
      );
    }
    return {
      id: raw.id,
      name: raw.name,
      defaultLocale,
      languages,
      telegram,
      webchat: { secret: raw.webchat?.secret ?? persistedWebchatSecret(dataDir, raw.id) },
      demoContent: raw.demoContent ?? defaultDemoContent(raw.id, vars.DEMO_CONTENT),
      districts: raw.districts ?? [],
      staffEmail: raw.staffEmail,
    };
  });

  return {
    port: vars.PORT,
    host: vars.HOST,
    dataDir,
    mongodbUri: vars.MONGODB_URI,
    publicUrl: vars.PUBLIC_URL?.replace(/\/+$/, ''),
    telegramApiRoot: vars.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
    defaultLocale: vars.DEFAULT_LOCALE,
    ...(vars.TEXT_OVERRIDES_DIR ? { textOverridesDir: vars.TEXT_OVERRIDES_DIR } : {}),
    logLevel: vars.LOG_LEVEL,
    webchatTokenTtlSeconds: vars.WEBCHAT_TOKEN_TTL_SECONDS,
    trustProxy: vars.TRUST_PROXY,
    ...(vars.COOKIE_SECURE ? { cookieSecure: vars.COOKIE_SECURE === 'true' } : {}),
    auditRetentionDays: vars.AUDIT_RETENTION_DAYS,
    tenants,
    smtpUrl: vars.SMTP_URL,
    mailFrom: vars.MAIL_FROM,
    adminEmail: vars.ADMIN_EMAIL,
    adminPassword: vars.ADMIN_PASSWORD,
  };
}

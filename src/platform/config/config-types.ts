/**
 * The languages a citizen can choose, in the order the language question offers them: German,
 * Leichte Sprache (easy German, a private-use tag of German), English, Turkish, Ukrainian, Arabic
 * (right to left), Russian, Polish. Each has a folder in every locales/ directory.
 */
export const SUPPORTED_LOCALES = ['de', 'de-x-ls', 'en', 'tr', 'uk', 'ar', 'ru', 'pl'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** The demo content sets that ship with the project (each feature's demo/ folder), loaded into an empty store. */
export const DEMO_SETS = ['wuppertal', 'dortmund'] as const;
export type DemoSet = (typeof DEMO_SETS)[number];

export interface TelegramTenantConfig {
  /** Bot token from BotFather. */
  botToken: string;
  /** Secret Telegram sends back in the X-Telegram-Bot-Api-Secret-Token header (webhook mode). */
  webhookSecret?: string;
  /** Broadcast messages per second for this bot (default 30, Telegram's free bulk limit). */
  broadcastRate: number;
  /** Telegram's paid broadcasts are enabled (allow_paid_broadcast): rates above 30/s, up to 1000/s. */
  paidBroadcasts: boolean;
}

/** One municipality. Every stored document carries its `id` as `tenantId`. */
export interface TenantConfig {
  id: string;
  name: string;
  defaultLocale: Locale;
  /** The languages the city offers, in the order of the language buttons; includes `defaultLocale`. */
  languages: readonly Locale[];
  telegram?: TelegramTenantConfig;
  webchat: {
    /** Direct Line secret: only for the city's servers, never sent to a browser. */
    secret: string;
  };
  /** Demo content loaded into this tenant while its store is empty (none: []). */
  demoContent: readonly DemoSet[];
  /** The city's districts offered in dialogs; empty: the demo set's list, else free text only. */
  districts: readonly string[];
  /** Where staff notices (new registrations, brokering requests) are e-mailed when SMTP is set. */
  staffEmail?: string;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  mongodbUri?: string;
  /** Public https address of this service; set → Telegram webhook mode, unset → long polling. */
  publicUrl?: string;
  telegramApiRoot: string;
  defaultLocale: Locale;
  /** TEXT_OVERRIDES_DIR: `<lng>/<namespace>.json` files whose keys replace the shipped texts (a city's own wording). */
  textOverridesDir?: string;
  logLevel: LogLevel;
  /** Seconds a Direct Line token lives (Direct Line: 1800). */
  webchatTokenTtlSeconds: number;
  /** Reverse proxies in front of the service (client addresses for rate limits). */
  trustProxy: number;
  /** Staff console cookies with the Secure flag (COOKIE_SECURE); unset: when PUBLIC_URL is https or TRUST_PROXY is set. */
  cookieSecure?: boolean;
  /** Days the staff audit log keeps an event (AUDIT_RETENTION_DAYS, default 365). */
  auditRetentionDays: number;
  tenants: TenantConfig[];
  /** SMTP server for staff notices (smtp(s)://user:pass@host:port); unset: notices only in the console. */
  smtpUrl?: string;
  /** Sender address of staff notices. */
  mailFrom: string;
  /** First staff console admin, created at start while no account exists (ADMIN_EMAIL / ADMIN_PASSWORD). */
  adminEmail?: string;
  adminPassword?: string;
}

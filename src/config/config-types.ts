export const SUPPORTED_LOCALES = ['de', 'en'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

export interface TelegramTenantConfig {
  /** Bot token from BotFather. */
  botToken: string;
  /** Secret Telegram sends back in the X-Telegram-Bot-Api-Secret-Token header (webhook mode). */
  webhookSecret?: string;
}

/** One municipality. Every stored document carries its `id` as `tenantId`. */
export interface TenantConfig {
  id: string;
  name: string;
  defaultLocale: Locale;
  telegram?: TelegramTenantConfig;
  webchat: {
    /** Direct Line secret: only for the city's servers, never sent to a browser. */
    secret: string;
  };
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
  logLevel: LogLevel;
  /** Seconds a Direct Line token lives (Direct Line: 1800). */
  webchatTokenTtlSeconds: number;
  /** Reverse proxies in front of the service (client addresses for rate limits). */
  trustProxy: number;
  tenants: TenantConfig[];
}

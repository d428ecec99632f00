import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/platform/config/config-error.js';
import { loadConfig } from '../../../src/platform/config/load-config.js';

const TOKEN = '123456789:AAHfakefakefakefakefakefakefakefake';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kosi-config-'));
}

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration from the environment', () => {
  it('takes an http:// PUBLIC_URL when a local Bot API server delivers the webhooks', () => {
    const config = loadConfig({
      DATA_DIR: tempDir(),
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
      PUBLIC_URL: 'http://kosi-bot.internal:3000/',
      TELEGRAM_WEBHOOK_SECRET: 'local-webhook-secret-0123456789',
    });
    expect(config.publicUrl).toBe('http://kosi-bot.internal:3000');
    expect(config.telegramApiRoot).toBe('http://127.0.0.1:8081');
  });

  it('starts with no variables at all: one city, port 3000, German, web chat secret kept in DATA_DIR', () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.port).toBe(3000);
    expect(config.defaultLocale).toBe('de');
    expect(config.mongodbUri).toBeUndefined();
    expect(config.tenants).toHaveLength(1);
    expect(config.tenants[0]!.telegram).toBeUndefined();
    const secret = config.tenants[0]!.webchat.secret;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dataDir, `webchat-secret-${config.tenants[0]!.id}`), 'utf8').trim()).toBe(secret);
    expect(loadConfig({ DATA_DIR: dataDir }).tenants[0]!.webchat.secret).toBe(secret);
  });

  it('names the variable and what it expects when a value is wrong', () => {
    expect(configError({ PORT: 'abc' }).message).toBe('PORT: a port number from 0 to 65535 (got "abc")');
    expect(configError({ PORT: '70000' }).message).toBe('PORT: a port number from 0 to 65535 (got "70000")');
    expect(configError({ WEBCHAT_TOKEN_TTL_SECONDS: '5' }).message).toMatch(/^WEBCHAT_TOKEN_TTL_SECONDS: a number of seconds from 60 to 86400/);
    expect(configError({ DEFAULT_LOCALE: 'fr' }).message).toBe('DEFAULT_LOCALE: one of de, de-x-ls, en, tr, uk, ar, ru, pl (got "fr")');
    expect(configError({ TELEGRAM_BOT_TOKEN: 'nope' }).message).toMatch(/^TELEGRAM_BOT_TOKEN: a bot token from BotFather/);
    expect(configError({ PUBLIC_URL: 'http://insecure.example' }).message).toMatch(/^PUBLIC_URL: the public https:\/\//);
    expect(configError({ PUBLIC_URL: 'http://insecure.example', TELEGRAM_API_ROOT: 'https://api.telegram.org/' }).message).toMatch(/only with a local Bot API server/);
    expect(configError({ MONGODB_URI: 'postgres://x' }).message).toMatch(/^MONGODB_URI: a MongoDB connection string/);
    expect(configError({ WEBCHAT_SECRET: 'short' }).message).toMatch(/^WEBCHAT_SECRET: at least 32/);
  });

  it('chooses demo content per city, and takes mail settings only when they are valid', () => {
    const dataDir = tempDir();
    expect(loadConfig({ DATA_DIR: dataDir }).tenants[0]!.demoContent).toEqual(['wuppertal', 'dortmund']);
    expect(loadConfig({ DATA_DIR: dataDir, TENANT_ID: 'dortmund' }).tenants[0]!.demoContent).toEqual(['dortmund']);
    expect(loadConfig({ DATA_DIR: dataDir, DEMO_CONTENT: 'none' }).tenants[0]!.demoContent).toEqual([]);
    expect(loadConfig({ DATA_DIR: dataDir, TENANT_ID: 'hagen', DEMO_CONTENT: 'wuppertal' }).tenants[0]!.demoContent).toEqual(['wuppertal']);
    expect(configError({ DEMO_CONTENT: 'berlin' }).message).toMatch(/^DEMO_CONTENT: none, or a comma list of wuppertal, dortmund/);

    const mail = loadConfig({ DATA_DIR: dataDir, SMTP_URL: 'smtps://kosi:pw@mail.example.de:465', STAFF_EMAIL: 'team@example.de' });
    expect(mail.smtpUrl).toBe('smtps://kosi:pw@mail.example.de:465');
    expect(mail.tenants[0]!.staffEmail).toBe('team@example.de');
    expect(configError({ SMTP_URL: 'http://mail.example.de' }).message).toMatch(/^SMTP_URL: an smtp:\/\/ or smtps:\/\/ URL/);
    expect(configError({ STAFF_EMAIL: 'not-an-address' }).variable).toBe('STAFF_EMAIL');
  });

  it('takes the broadcast rate: 30 by default, more only with paid broadcasts', () => {
    const dir = tempDir();
    expect(loadConfig({ DATA_DIR: dir, TELEGRAM_BOT_TOKEN: TOKEN }).tenants[0]!.telegram).toMatchObject({ broadcastRate: 30, paidBroadcasts: false });
    expect(configError({ DATA_DIR: dir, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_BROADCAST_RATE: '100' }).message).toMatch(/TELEGRAM_BROADCAST_RATE.*paid broadcasts/);
    expect(configError({ DATA_DIR: dir, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_BROADCAST_RATE: 'fast' }).message).toMatch(/TELEGRAM_BROADCAST_RATE: messages per second from 1 to 1000/);
    const paid = loadConfig({ DATA_DIR: dir, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_BROADCAST_RATE: '300', TELEGRAM_PAID_BROADCASTS: 'true' });
    expect(paid.tenants[0]!.telegram).toMatchObject({ broadcastRate: 300, paidBroadcasts: true });
  });

  it('requires a webhook secret in webhook mode and a shared web chat secret with MongoDB', () => {
    const dataDir = tempDir();
    expect(configError({ DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: TOKEN, PUBLIC_URL: 'https://bot.example.de' }).variable).toBe('TELEGRAM_WEBHOOK_SECRET');
    expect(configError({ DATA_DIR: dataDir, MONGODB_URI: 'mongodb://127.0.0.1:1/kosi' }).variable).toBe('WEBCHAT_SECRET');
    const config = loadConfig({
      DATA_DIR: dataDir,
      TELEGRAM_BOT_TOKEN: TOKEN,
      PUBLIC_URL: 'https://bot.example.de/',
      TELEGRAM_WEBHOOK_SECRET: 'a-long-enough-secret',
    });
    expect(config.publicUrl).toBe('https://bot.example.de');
    expect(config.tenants[0]!.telegram).toEqual({ botToken: TOKEN, webhookSecret: 'a-long-enough-secret', broadcastRate: 30, paidBroadcasts: false });
  });

  it('reads several cities from a YAML tenants file with secrets referenced from the environment', () => {
    const dir = tempDir();
    const file = join(dir, 'tenants.yaml');
    writeFileSync(
      file,
      [
        'tenants:',
        '  - id: wuppertal',
        '    name: Wuppertal – Zentrum für gute Taten',
        '    telegram: { botToken: "${WUPPERTAL_TOKEN}" }',
        '  - id: dortmund',
        '    name: Dortmund',
        '    defaultLocale: en',
        '    webchat: { secret: "${DORTMUND_WEBCHAT_SECRET}" }',
      ].join('\n'),
    );
    const config = loadConfig({
      DATA_DIR: dir,
      TENANTS_FILE: file,
      WUPPERTAL_TOKEN: TOKEN,
      DORTMUND_WEBCHAT_SECRET: 'd'.repeat(40),
    });
    expect(config.tenants.map((tenant) => [tenant.id, tenant.defaultLocale])).toEqual([
      ['wuppertal', 'de'],
      ['dortmund', 'en'],
    ]);
    expect(config.tenants[0]!.telegram?.botToken).toBe(TOKEN);
    expect(config.tenants[1]!.webchat.secret).toBe('d'.repeat(40));
  });

  it('refuses a tenants file that references a missing variable, repeats an id or is not YAML', () => {
    const dir = tempDir();
    const file = join(dir, 'tenants.yaml');
    writeFileSync(file, 'tenants:\n  - id: wuppertal\n    name: W\n    telegram: { botToken: "${MISSING_TOKEN}" }\n');
    expect(configError({ DATA_DIR: dir, TENANTS_FILE: file }).message).toMatch(/MISSING_TOKEN is not set/);
    writeFileSync(file, 'tenants:\n  - { id: wuppertal, name: W }\n  - { id: wuppertal, name: W2 }\n');
    expect(configError({ DATA_DIR: dir, TENANTS_FILE: file }).message).toMatch(/"wuppertal" appears twice/);
    writeFileSync(file, 'tenants: [ { id: ');
    expect(configError({ DATA_DIR: dir, TENANTS_FILE: file }).message).toMatch(/not valid YAML/);
    expect(configError({ DATA_DIR: dir, TENANTS_FILE: join(dir, 'absent.yaml') }).message).toMatch(/cannot read/);
  });

  it('refuses a city whose language the bot does not speak, naming it and the languages it does', () => {
    const dir = tempDir();
    const file = join(dir, 'tenants.yaml');
    writeFileSync(file, 'tenants:\n  - { id: wuppertal, name: W, defaultLocale: fr }\n');
    expect(configError({ DATA_DIR: dir, TENANTS_FILE: file }).message).toBe(
      `TENANTS_FILE: ${file}: tenants.0.defaultLocale: a language the bot speaks: one of de, de-x-ls, en, tr, uk, ar, ru, pl (got "fr")`,
    );
    writeFileSync(file, 'tenants:\n  - { id: wuppertal, name: W, defaultLocale: ar }\n');
    expect(loadConfig({ DATA_DIR: dir, TENANTS_FILE: file }).tenants[0]!.defaultLocale).toBe('ar');
  });
});

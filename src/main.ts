import { existsSync } from 'node:fs';
import { createApp } from './app.js';
import { ConfigError } from './platform/config/config-error.js';
import { loadConfig } from './platform/config/load-config.js';
import type { AppConfig } from './platform/config/config-types.js';
import { createLogger } from './platform/logging/logger.js';
import { StoreUnavailableError } from './platform/store/document-store.js';
import { StoreLockedError } from './platform/store/embedded/data-dir-lock.js';

const SHUTDOWN_LIMIT_MS = 25_000;

// A local .env is convenient for development; production sets real environment variables.
if (existsSync('.env')) process.loadEnvFile('.env');

let config: AppConfig;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`kosi-bot: configuration error: ${error.message}`);
  process.exit(1);
}

const logger = createLogger(config.logLevel);
const app = await createApp(config, logger).catch((error: unknown) => {
  if (error instanceof StoreLockedError) {
    console.error(`kosi-bot: cannot start: ${error.message} (another KoSI-Bot on the same DATA_DIR?)`);
    process.exit(1);
  }
  if (!(error instanceof StoreUnavailableError)) throw error;
  if (config.mongodbUri) console.error(`kosi-bot: cannot start: the data store is not reachable (${error.message}); check MONGODB_URI`);
  // The embedded store: a collection that did not load; its log line above names the file and why.
  else console.error(`kosi-bot: cannot start: the data store is not usable (${error.message}); see the log for ${config.dataDir}`);
  process.exit(1);
});
try {
  await app.start();
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(`kosi-bot: cannot start: ${code === 'EADDRINUSE' ? `port ${config.port} is in use (set PORT)` : (error as Error).message}`);
  await app.stop();
  process.exit(1);
}
logger.info(`web chat demo at http://localhost:${config.port}/`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    force.unref();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: { name: (error as Error).name, message: (error as Error).message } }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

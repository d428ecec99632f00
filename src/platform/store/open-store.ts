import type { Logger } from '../logging/logger.js';
import type { DocumentStore } from './document-store.js';
import { openEmbeddedStore } from './embedded/embedded-store.js';
import { openMongoStore } from './mongo/mongo-store.js';

export interface StoreSettings {
  /** Directory of the embedded store, used when no MongoDB URI is set. */
  dataDir: string;
  mongodbUri?: string | undefined;
}

/** MongoDB when a URI is configured, otherwise the embedded file store in `dataDir`. */
export async function openStore(settings: StoreSettings, logger: Logger): Promise<DocumentStore> {
  if (settings.mongodbUri) return openMongoStore({ uri: settings.mongodbUri, logger });
  return openEmbeddedStore({ dataDir: settings.dataDir, logger });
}

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder with package.json above this module: the same from src/ (tsx, vitest) and from dist/. */
export function findProjectRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the web chat module');
    dir = parent;
  }
  return dir;
}

export interface WebChatPaths {
  /** Static pages and scripts; read from src/ also when running from dist/ (tsc does not copy them). */
  publicDir: string;
  /** Unpacked by install-bundle.mjs at npm install. */
  bundleFile: string;
}

export function defaultWebChatPaths(root: string = findProjectRoot()): WebChatPaths {
  return {
    publicDir: join(root, 'src', 'channels', 'webchat', 'public'),
    bundleFile: join(root, 'node_modules', '.kosi-webchat', 'webchat.js'),
  };
}

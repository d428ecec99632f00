import { join } from 'node:path';
import { findProjectRoot } from '../../platform/config/project-root.js';

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

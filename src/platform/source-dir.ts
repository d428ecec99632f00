import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findProjectRoot } from './config/project-root.js';

/**
 * A folder beside a module in the source tree (its texts, its page templates), also when the module
 * runs compiled from dist/: tsc does not copy JSON or templates, so they are read from src/.
 */
export function sourceDir(moduleUrl: string, ...segments: string[]): string {
  const dir = dirname(fileURLToPath(moduleUrl));
  const root = findProjectRoot(dir);
  const inTree = relative(root, dir).split(sep);
  if (inTree[0] === 'dist') inTree.shift();
  return join(root, ...inTree, ...segments);
}

import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The monorepo's root: the nearest folder at or above `from` with turbo.json, so that code
 * finds the repository's files alike from src (tests) and from dist (built processes).
 */
export function findRepoRoot(from: string): string {
  let dir = from;
  while (!existsSync(resolve(dir, 'turbo.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${from}`);
    dir = parent;
  }
  return dir;
}

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The files the server reads beside its code (migrations, the common-password list, the built web
// app) are found from the repository's root: the same code runs from src/ under tsx and from the
// bundle in dist/server/ (scripts/build-server.mjs), at different depths.
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'db', 'migrations'))) return dir;
    if (dirname(dir) === dir) throw new Error(`shouhou: no repository root above ${from} (package.json with src/db/migrations)`);
  }
}

export const REPO_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the repository, from its root. */
export const repoPath = (...parts: string[]): string => join(REPO_ROOT, ...parts);

import { readdir, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { attachments } from './attachments.tables';
import { stagingRoot, storeRoot } from './storage';

/** Files untouched this long are no longer part of an upload in progress. */
export const ORPHAN_AGE_MS = 60 * 60 * 1000;

const HEX2 = /^[0-9a-f]{2}$/;
const SHA = /^[0-9a-f]{64}$/;

async function entries(dir: string) {
  return readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
}

/** The newest modification time in a file or folder tree: a staging folder is alive while written to. */
async function newestChange(path: string): Promise<number> {
  const s = await stat(path).catch(() => null);
  if (!s) return Number.POSITIVE_INFINITY; // gone meanwhile: nothing to do
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const e of await entries(path)) newest = Math.max(newest, await newestChange(join(path, e.name)));
  return newest;
}

async function isOlderThan(path: string, cutoff: number): Promise<boolean> {
  const s = await stat(path).catch(() => null);
  return s !== null && s.mtimeMs < cutoff;
}

/**
 * Removes what interrupted uploads left behind: staging entries and stored files no attachment row
 * refers to, once untouched for an hour. Ages are file-system times against the wall clock (not the
 * business clock tests move around). Safe to run in several processes at once.
 */
export async function sweepOrphanFiles(ctx: Pick<AppContext, 'db' | 'dataDir'>, now = Date.now()): Promise<{ staging: number; stored: number }> {
  const cutoff = now - ORPHAN_AGE_MS;
  let staging = 0;
  const tmp = stagingRoot(ctx.dataDir);
  for (const e of await entries(tmp)) {
    const path = join(tmp, e.name);
    if ((await newestChange(path)) < cutoff) {
      await rm(path, { recursive: true, force: true });
      staging++;
    }
  }

  const old: { sha: string; path: string }[] = [];
  const root = storeRoot(ctx.dataDir);
  for (const a of await entries(root)) {
    if (!a.isDirectory() || !HEX2.test(a.name)) continue;
    for (const b of await entries(join(root, a.name))) {
      if (!b.isDirectory() || !HEX2.test(b.name)) continue;
      for (const f of await entries(join(root, a.name, b.name))) {
        const path = join(root, a.name, b.name, f.name);
        if (f.isFile() && SHA.test(f.name) && (await isOlderThan(path, cutoff))) old.push({ sha: f.name, path });
      }
    }
  }
  let stored = 0;
  for (let i = 0; i < old.length; i += 500) {
    const batch = old.slice(i, i + 500);
    const rows = await ctx.db
      .selectDistinct({ sha: attachments.sha256 })
      .from(attachments)
      .where(
        inArray(
          attachments.sha256,
          batch.map((x) => x.sha),
        ),
      );
    const referenced = new Set(rows.map((r) => r.sha));
    for (const x of batch) {
      // Checked again: an upload of the same content may have just published it (fresh time).
      if (referenced.has(x.sha) || !(await isOlderThan(x.path, cutoff))) continue;
      await unlink(x.path).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
      stored++;
    }
  }
  return { staging, stored };
}

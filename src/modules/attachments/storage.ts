import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// Files live under <dataDir>/attachments/<aa>/<bb>/<sha256> (identical content stored once). An upload
// is first written to its own folder under attachments/tmp; files enter the store only in the
// transaction that writes their rows, as its last step. So a refused upload leaves nothing, and a
// crash leaves only staging folders or stored files without a row, which sweepOrphanFiles removes.

export function storeRoot(dataDir: string): string {
  return join(dataDir, 'attachments');
}
export function stagingRoot(dataDir: string): string {
  return join(storeRoot(dataDir), 'tmp');
}
export function blobPath(dataDir: string, sha: string): string {
  return join(storeRoot(dataDir), sha.slice(0, 2), sha.slice(2, 4), sha);
}

export interface StagedBlob {
  tempPath: string;
  sha256: string;
  size: number;
  /** The byte limit cut the file short (@fastify/multipart marks the stream). */
  truncated: boolean;
}

/** One upload's staging folder: written part by part, published or discarded as a whole. */
export class Staging {
  private dir: string | null = null;
  constructor(private readonly dataDir: string) {}

  /**
   * Streams one file into the staging folder while hashing it. `onSourceError` translates a failure
   * of the incoming stream (a truncated or malformed body: the client's fault) as opposed to a
   * failure to write (the server's).
   */
  async write(source: Readable, onSourceError: (err: unknown) => unknown): Promise<StagedBlob> {
    // Listening before the first await: the parser may fail the stream while we create the folder.
    let sourceError: unknown = null;
    source.once('error', (err) => (sourceError ??= err));
    this.dir ??= join(stagingRoot(this.dataDir), randomUUID());
    await mkdir(this.dir, { recursive: true });
    const tempPath = join(this.dir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        size += chunk.length;
        cb(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(tempPath));
    } catch (err) {
      await rm(tempPath, { force: true });
      sourceError ??= source.errored;
      throw sourceError ? onSourceError(sourceError) : err;
    }
    const truncated = Boolean((source as Readable & { truncated?: boolean }).truncated);
    return { tempPath, sha256: hash.digest('hex'), size, truncated };
  }

  /** Removes whatever is left in the staging folder (everything, unless it was published). */
  async discard(): Promise<void> {
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * Moves staged files into the store. Called inside the transaction that records them, after the rows
 * are written: if the commit then fails, the files stay as unreferenced store files for the sweeper
 * (deleting them here could race an identical upload committing at the same moment).
 */
export async function publishStaged(dataDir: string, blobs: StagedBlob[]): Promise<void> {
  const now = new Date();
  for (const b of blobs) {
    const target = blobPath(dataDir, b.sha256);
    await mkdir(join(target, '..'), { recursive: true });
    // Same name, same bytes: replacing an existing copy is harmless.
    await rename(b.tempPath, target);
    // A fresh time keeps the sweeper off a file whose row is about to commit, however long the
    // upload took.
    await utimes(target, now, now);
  }
}

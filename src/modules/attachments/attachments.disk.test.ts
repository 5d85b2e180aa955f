import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTicket } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';

// Nothing lands on disk unless its row commits: every refused upload leaves the attachments folder
// exactly as it was (staging folder included), and the sweeper clears what a crash left behind.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const MiB = 1024 * 1024;
type Part = { filename: string; content: Buffer };

function multipart(parts: Part[], boundary = `----shouhou${randomBytes(8).toString('hex')}`) {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${p.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        'utf8',
      ),
      p.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), boundary };
}
const post = (ticketId: string, payload: Buffer, contentType: string) =>
  t.as('agent', { method: 'POST', url: `/api/v1/tickets/${ticketId}/attachments`, payload, headers: { 'content-type': contentType } });
const upload = (ticketId: string, parts: Part[]) => {
  const { payload, boundary } = multipart(parts);
  return post(ticketId, payload, `multipart/form-data; boundary=${boundary}`);
};
/** A distinct small file each call, so content de-duplication cannot hide a written file. */
const note = (name: string): Part => ({ filename: name, content: Buffer.from(`现场记录 ${randomBytes(12).toString('hex')}\n`) });

const root = () => join(t.ctx.dataDir, 'attachments');
/** Every file under <dataDir>/attachments, staging folder included. */
function filesOnDisk(): string[] {
  if (!existsSync(root())) return [];
  return (readdirSync(root(), { recursive: true }) as string[]).filter((p) => statSync(join(root(), p)).isFile()).sort();
}
const rowCount = async () => (await t.ctx.database.exec('select count(*)::int as n from attachments')).rows[0]!.n as number;

async function expectRefusedLeavingNothing(send: () => Promise<{ statusCode: number; json(): unknown }>, status: number, code: string) {
  const [files, rows] = [filesOnDisk(), await rowCount()];
  const res = await send();
  expect(res.statusCode).toBe(status);
  const body = res.json() as { error: { code: string; message: string; issues: unknown[]; requestId: string } };
  expect(body.error).toMatchObject({ code, message: expect.any(String), requestId: expect.any(String) });
  expect(Array.isArray(body.error.issues)).toBe(true);
  expect(filesOnDisk()).toEqual(files);
  expect(await rowCount()).toBe(rows);
  return body;
}

describe('refused uploads leave no file behind', () => {
  it('11 files (over the limit of 10): 400 and none of the first 10 is kept', async () => {
    const { id } = await makeTicket(t);
    const body = await expectRefusedLeavingNothing(
      () =>
        upload(
          id,
          Array.from({ length: 11 }, (_, i) => note(`第${i + 1}张.txt`)),
        ),
      400,
      'validation_failed',
    );
    expect(body.error.issues).toEqual([expect.objectContaining({ path: 'file', code: 'too_many' })]);
    // Ten at once is fine.
    const ten = await upload(
      id,
      Array.from({ length: 10 }, (_, i) => note(`第${i + 1}张.txt`)),
    );
    expect(ten.statusCode, ten.body).toBe(201);
  });

  it('a good file before a refused type: 415 and the good file is not kept', async () => {
    const { id } = await makeTicket(t);
    await expectRefusedLeavingNothing(
      () => upload(id, [note('现场说明.txt'), { filename: 'setup.exe', content: Buffer.from('MZ') }]),
      415,
      'unsupported_media_type',
    );
  });

  it('a good file before an oversized one, or an empty one: refused and nothing kept', async () => {
    const { id } = await makeTicket(t);
    await expectRefusedLeavingNothing(() => upload(id, [note('说明.txt'), { filename: 'huge.log', content: randomBytes(MiB + 1) }]), 413, 'payload_too_large');
    await expectRefusedLeavingNothing(() => upload(id, [note('说明.txt'), { filename: 'empty.log', content: Buffer.alloc(0) }]), 400, 'validation_failed');
  });

  it('a truncated body: 400 with the error shape, nothing kept', async () => {
    const { id } = await makeTicket(t);
    const { payload, boundary } = multipart([note('一.txt'), { filename: '二.log', content: randomBytes(64 * 1024) }]);
    const cut = payload.subarray(0, payload.length - 20_000);
    const body = await expectRefusedLeavingNothing(() => post(id, cut, `multipart/form-data; boundary=${boundary}`), 400, 'validation_failed');
    expect(body.error.issues).toEqual([expect.objectContaining({ path: 'body' })]);
  });

  it('a multipart body without a boundary, or with garbage for parts: 400, nothing kept', async () => {
    const { id } = await makeTicket(t);
    const { payload } = multipart([note('一.txt')]);
    await expectRefusedLeavingNothing(() => post(id, payload, 'multipart/form-data'), 400, 'validation_failed');
    await expectRefusedLeavingNothing(
      () => post(id, Buffer.from('--xyz\r\nno headers here\r\n\r\n'), 'multipart/form-data; boundary=xyz'),
      400,
      'validation_failed',
    );
  });

  it('an unknown ticket: 404 before any byte is written', async () => {
    await expectRefusedLeavingNothing(() => upload(randomUUID(), [note('一.txt')]), 404, 'not_found');
  });

  it('a successful upload leaves its files in the store and nothing in staging', async () => {
    const { id } = await makeTicket(t);
    const before = filesOnDisk();
    const res = await upload(id, [note('a.txt'), note('b.txt')]);
    expect(res.statusCode, res.body).toBe(201);
    const added = filesOnDisk().filter((f) => !before.includes(f));
    const items = res.json().items as { sha256: string }[];
    expect(added.map((f) => f.split(/[\\/]/).pop()).sort()).toEqual(items.map((i) => i.sha256).sort());
    expect(added.some((f) => f.startsWith('tmp'))).toBe(false);
  });
});

describe('file names', () => {
  it('removes bidi and other control characters, so a name cannot disguise its type', async () => {
    const { id } = await makeTicket(t);
    // Shown as "报告exe.pdf" by a bidi-aware renderer; really an .exe.
    await expectRefusedLeavingNothing(() => upload(id, [{ filename: '报告\u202Efdp.exe', content: Buffer.from('MZ') }]), 415, 'unsupported_media_type');
    const res = await upload(id, [
      { filename: '\u2067故障\u200F照片\u2069\u061C\u200E.png', content: PNG },
      { filename: 'log\u202A\u202B\u202C\u202D\u2066\u2068\u0085\u0007\u009F.txt', content: Buffer.from('x') },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json().items as { fileName: string }[]).map((i) => i.fileName)).toEqual(['故障照片.png', 'log.txt']);
  });
});

describe('the orphan sweeper', () => {
  it('removes staging files and unreferenced stored files older than an hour, keeps fresh ones and referenced ones', async () => {
    const { id } = await makeTicket(t);
    const kept = (await upload(id, [note('保留.txt')])).json().items[0] as { sha256: string };
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    const stored = (sha: string) => join(root(), sha.slice(0, 2), sha.slice(2, 4), sha);
    const put = (path: string, old: boolean) => {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, randomBytes(16));
      if (old) utimesSync(path, twoHoursAgo, twoHoursAgo);
    };
    const oldTemp = join(root(), 'tmp', randomUUID());
    const freshTemp = join(root(), 'tmp', randomUUID());
    const oldOrphan = stored(randomBytes(32).toString('hex'));
    const freshOrphan = stored(randomBytes(32).toString('hex'));
    put(oldTemp, true);
    put(freshTemp, false);
    put(oldOrphan, true);
    put(freshOrphan, false);
    utimesSync(stored(kept.sha256), twoHoursAgo, twoHoursAgo);

    await t.workers.runOnce();

    expect(existsSync(oldTemp)).toBe(false);
    expect(existsSync(oldOrphan)).toBe(false);
    expect(existsSync(freshTemp)).toBe(true);
    expect(existsSync(freshOrphan)).toBe(true);
    expect(existsSync(stored(kept.sha256))).toBe(true);
  });
});

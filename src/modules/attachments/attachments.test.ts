import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeTicket } from '../../../test/factories';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

// A 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const LOG = Buffer.from('2026-11-19 08:00:01 ERROR 电源模块输出电压异常 U=18.2V\n2026-11-19 08:00:02 WARN 指示灯熄灭\n', 'utf8');
const MiB = 1024 * 1024;

type Part = { filename: string; content: Buffer; contentType?: string };

/** A multipart/form-data body as a browser sends it: file names as raw UTF-8, field "file". */
function multipart(parts: Part[]) {
  const boundary = `----shouhou${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${p.filename}"\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        'utf8',
      ),
      p.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (ticketId: string, parts: Part[], role: 'agent' | 'engineer' | 'finance' | 'anonymous' = 'agent') =>
  t.as(role, { method: 'POST', url: `/api/v1/tickets/${ticketId}/attachments`, ...multipart(parts) });

type Attachment = { id: string; fileName: string; mimeType: string; size: number; sha256: string; uploadedById: string | null };

/** Every file under <dataDir>/attachments, relative paths (the tmp folder included). */
function storedFiles(): string[] {
  const root = join(t.ctx.dataDir, 'attachments');
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[]).filter((p) => statSync(join(root, p)).isFile()).sort();
}
const attachmentRows = async () => (await t.ctx.database.exec('select count(*)::int as n from attachments')).rows[0]!.n as number;

describe('uploading attachments', () => {
  it('accepts a picture and a log with a Chinese name, lists them and records them on the timeline', async () => {
    const { id } = await makeTicket(t);
    const res = await upload(id, [
      { filename: 'photo.png', content: PNG, contentType: 'image/png' },
      { filename: '故障日志.log', content: LOG, contentType: 'text/plain' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const items = res.json().items as Attachment[];
    expect(items.map((i) => [i.fileName, i.mimeType, i.size])).toEqual([
      ['photo.png', 'image/png', PNG.length],
      ['故障日志.log', 'text/plain', LOG.length],
    ]);
    expect(items.every((i) => i.uploadedById === t.users.agent.id)).toBe(true);

    const listed = await t.as('finance', { method: 'GET', url: `/api/v1/tickets/${id}/attachments` });
    expect(listed.statusCode).toBe(200);
    expect((listed.json().items as Attachment[]).map((i) => i.fileName)).toEqual(['photo.png', '故障日志.log']);

    const events = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}/events` })).json().items as {
      type: string;
      actorId: string;
      data: Record<string, unknown>;
    }[];
    const added = events.filter((e) => e.type === 'attachment_added');
    expect(added.map((e) => e.data.fileName)).toEqual(['photo.png', '故障日志.log']);
    expect(added[1]).toMatchObject({ actorId: t.users.agent.id, data: { attachmentId: items[1]!.id, size: LOG.length } });
  });

  it('serves the same bytes back with a UTF-8 file name and nosniff', async () => {
    const { id } = await makeTicket(t);
    const [png, log] = (
      await upload(id, [
        { filename: 'photo.png', content: PNG },
        { filename: '故障日志.log', content: LOG },
      ])
    ).json().items as Attachment[];

    const logRes = await t.as('engineer', { method: 'GET', url: `/api/v1/attachments/${log!.id}/content` });
    expect(logRes.statusCode).toBe(200);
    expect(logRes.rawPayload.equals(LOG)).toBe(true);
    expect(logRes.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('故障日志.log')}`);
    expect(logRes.headers['x-content-type-options']).toBe('nosniff');
    expect(String(logRes.headers['content-type'])).toMatch(/^text\/plain/);

    const pngRes = await t.as('finance', { method: 'GET', url: `/api/v1/attachments/${png!.id}/content` });
    expect(pngRes.statusCode).toBe(200);
    expect(pngRes.rawPayload.equals(PNG)).toBe(true);
    expect(pngRes.headers['content-type']).toBe('image/png');
    expect(pngRes.headers['x-content-type-options']).toBe('nosniff');
    expect(pngRes.headers['content-disposition']).toBe("inline; filename*=UTF-8''photo.png");
  });

  it('stores identical content once on disk', async () => {
    const { id } = await makeTicket(t);
    const other = await makeTicket(t);
    const content = Buffer.from(`同一份日志 ${randomBytes(16).toString('hex')}\n`, 'utf8');
    const before = storedFiles();
    const a = (await upload(id, [{ filename: 'a.txt', content }])).json().items[0] as Attachment;
    const b = (await upload(other.id, [{ filename: '另一个名字.txt', content }], 'engineer')).json().items[0] as Attachment;
    expect(a.sha256).toBe(b.sha256);
    expect(a.id).not.toBe(b.id);
    const added = storedFiles().filter((f) => !before.includes(f));
    expect(added).toHaveLength(1);
    expect(added[0]).toContain(a.sha256);
    expect(readFileSync(join(t.ctx.dataDir, 'attachments', added[0]!)).equals(content)).toBe(true);
    // Both links still serve the content, each under its own name.
    const second = await t.as('agent', { method: 'GET', url: `/api/v1/attachments/${b.id}/content` });
    expect(second.rawPayload.equals(content)).toBe(true);
    expect(second.headers['content-disposition']).toContain(encodeURIComponent('另一个名字.txt'));
  });

  it('refuses an executable with 415 and stores nothing', async () => {
    const { id } = await makeTicket(t);
    const [filesBefore, rowsBefore] = [storedFiles(), await attachmentRows()];
    const res = await upload(id, [{ filename: 'driver-update.exe', content: Buffer.from('MZ\x90\x00 not really a program'), contentType: 'image/png' }]);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
    expect(storedFiles()).toEqual(filesBefore);
    expect(await attachmentRows()).toBe(rowsBefore);
    const events = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}/events` })).json().items as { type: string }[];
    expect(events.map((e) => e.type)).not.toContain('attachment_added');
  });

  it('refuses a file over the size limit with 413 and stores nothing, but accepts one at the limit', async () => {
    const { id } = await makeTicket(t);
    const [filesBefore, rowsBefore] = [storedFiles(), await attachmentRows()];
    const res = await upload(id, [{ filename: 'big.log', content: randomBytes(MiB + 1) }]);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    expect(storedFiles()).toEqual(filesBefore);
    expect(await attachmentRows()).toBe(rowsBefore);

    const atLimit = await upload(id, [{ filename: 'exact.log', content: randomBytes(MiB) }]);
    expect(atLimit.statusCode, atLimit.body).toBe(201);
    expect(atLimit.json().items[0].size).toBe(MiB);
  });

  // Product bug (see report): the files before the refused one are already committed, so the caller
  // gets an error yet the ticket has new attachments and timeline events; a retry duplicates them.
  it('refuses the whole upload when one of several files is refused, attaching none of them', async () => {
    const { id } = await makeTicket(t);
    const rowsBefore = await attachmentRows();
    const typeRefused = await upload(id, [
      { filename: '现场照片.png', content: PNG },
      { filename: 'setup.exe', content: Buffer.from('MZ') },
    ]);
    expect(typeRefused.statusCode).toBe(415);
    const sizeRefused = await upload(id, [
      { filename: '说明.txt', content: Buffer.from('先传的小文件') },
      { filename: 'huge.log', content: randomBytes(MiB + 1) },
    ]);
    expect(sizeRefused.statusCode).toBe(413);
    expect(await attachmentRows()).toBe(rowsBefore);
    expect((await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}/attachments` })).json().items).toEqual([]);
    const events = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}/events` })).json().items as { type: string }[];
    expect(events.map((e) => e.type)).not.toContain('attachment_added');
  });

  it('stores a path-traversal name as a plain, safe file name', async () => {
    const { id } = await makeTicket(t);
    const content = Buffer.from('root:x:0:0:root:/root:/bin/bash\n');
    const res = await upload(id, [{ filename: '../../etc/passwd.txt', content }]);
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json().items[0] as Attachment;
    expect(item.fileName).toBe('passwd.txt');
    const rows = await t.ctx.database.exec('select file_name from attachments where id = $1', [item.id]);
    expect(rows.rows[0]!.file_name).toBe('passwd.txt');
    // Written inside the attachments store, named by content hash, nowhere near etc/.
    expect(storedFiles().some((f) => f.endsWith(item.sha256))).toBe(true);
    expect(existsSync(join(t.ctx.dataDir, 'etc'))).toBe(false);
    expect(storedFiles().some((f) => f.includes('passwd'))).toBe(false);
    const hidden = await upload(id, [{ filename: '..\\..\\windows\\.bashrc.txt', content }]);
    expect(hidden.statusCode).toBe(201);
    expect(hidden.json().items[0].fileName).toBe('bashrc.txt');
  });
});

describe('who may touch attachments', () => {
  it('refuses an anonymous download with 401 and an upload by finance with 403', async () => {
    const { id } = await makeTicket(t);
    const item = (await upload(id, [{ filename: 'photo.png', content: PNG }])).json().items[0] as Attachment;
    const anon = await t.as('anonymous', { method: 'GET', url: `/api/v1/attachments/${item.id}/content` });
    expect(anon.statusCode).toBe(401);
    expect(anon.rawPayload.includes(PNG)).toBe(false);
    const rowsBefore = await attachmentRows();
    expect((await upload(id, [{ filename: 'refund.pdf', content: Buffer.from('%PDF-1.4') }], 'finance')).statusCode).toBe(403);
    expect((await upload(id, [{ filename: 'anon.pdf', content: Buffer.from('%PDF-1.4') }], 'anonymous')).statusCode).toBe(401);
    expect(await attachmentRows()).toBe(rowsBefore);
  });

  it('answers 404 for an unknown ticket or attachment and stores nothing', async () => {
    const unknown = '7d1f3c8e-1111-4222-8333-944455556666';
    const [filesBefore, rowsBefore] = [storedFiles(), await attachmentRows()];
    const res = await upload(unknown, [{ filename: 'orphan.txt', content: Buffer.from(`orphan ${randomBytes(8).toString('hex')}`) }]);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect(storedFiles()).toEqual(filesBefore);
    expect(await attachmentRows()).toBe(rowsBefore);
    expect((await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${unknown}/attachments` })).statusCode).toBe(404);
    expect((await t.as('agent', { method: 'GET', url: `/api/v1/attachments/${unknown}/content` })).statusCode).toBe(404);
  });

  it('refuses an upload that is not multipart, or has no file', async () => {
    const { id } = await makeTicket(t);
    const json = await t.as('agent', { method: 'POST', url: `/api/v1/tickets/${id}/attachments`, payload: { file: 'aGVsbG8=' } });
    expect(json.statusCode).toBe(415);
    const boundary = '----shouhouempty';
    const empty = await t.as('agent', {
      method: 'POST',
      url: `/api/v1/tickets/${id}/attachments`,
      payload: Buffer.from(`--${boundary}--\r\n`),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(empty.statusCode).toBe(400);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { repairApi, signaturePng } from '../../../test/helpers/repairs';

// 维修报告 and 服务确认单 as PDF in a real CJK font with the customer's signature image (RULES.md
// Warranty/repair: report lists work and replaced parts, 000; signed confirmation, 003/004). Checked
// the way a reader sees them: pdftotext for the Chinese text, pdfimages for the drawn signature,
// pdftoppm renders the first page to PNG.

let t: TestApp;
let api: ReturnType<typeof repairApi>;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  api = repairApi(t);
  dir = mkdtempSync(join(tmpdir(), 'repairs-pdf-'));
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const WORK = '更换电解电容两只，清洁散热风道并老化测试';

async function signedFieldRepair() {
  const { ticket } = await api.ticketWithUnit();
  const r = await api.create(ticket.id);
  await api.diagnose(r.id);
  await api.quote(r.id);
  await api.approve(r.id, 1);
  await api.ok('agent', 'POST', `/repairs/${r.id}/dispatch`, { engineerId: t.users.engineer.id });
  await api.ok('engineer', 'POST', `/repairs/${r.id}/accept`);
  await api.ok('engineer', 'POST', `/repairs/${r.id}/check-in`);
  await api.move(r.id, 'in_repair');
  await api.move(r.id, 'testing');
  await api.ok('engineer', 'POST', `/repairs/${r.id}/on-site-record`, {
    findings: '电源模块电容鼓包',
    work: WORK,
    partsUsed: [{ code: 'CAP-470', name: '电解电容 470μF', quantity: 2 }],
    testResult: '满载运行两小时输出稳定',
    testPassed: true,
  });
  await api.ok('engineer', 'POST', `/repairs/${r.id}/signature`, { signerName: '张三', signature: signaturePng() });
  return r as { id: string; number: string };
}

function save(name: string, body: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
}
const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const images = (file: string) =>
  execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    // An RGBA PNG is an image plus its alpha mask (smask): count the pictures.
    .filter((l) => l.trim().split(/\s+/)[2] === 'image').length;

describe('repair PDFs', () => {
  it('the repair report holds the work, the replaced parts and the test result in Chinese, and the signature image', async () => {
    const r = await signedFieldRepair();
    const res = await t.as('quality', { method: 'GET', url: `/api/v1/repairs/${r.id}/report.pdf` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('维修报告'));
    const file = save('report.pdf', res.rawPayload);
    const body = text(file);
    for (const s of ['维修报告', r.number, WORK, '电解电容 470μF', '测试通过', '满载运行两小时输出稳定', '电源故障', '保修期内，免费维修', '张三'])
      expect(body).toContain(s);
    expect(images(file)).toBe(1);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(dir, 'report')]);
    const png = readdirSync(dir).find((f) => f.startsWith('report') && f.endsWith('.png'))!;
    expect(statSync(join(dir, png)).size).toBeGreaterThan(10_000);
  });

  it('the service confirmation carries the on-site record and the signature; an unsigned one shows it is unsigned', async () => {
    const r = await signedFieldRepair();
    const res = await t.as('engineer', { method: 'GET', url: `/api/v1/repairs/${r.id}/confirmation.pdf` });
    expect(res.statusCode).toBe(200);
    const file = save('confirmation.pdf', res.rawPayload);
    const body = text(file);
    for (const s of ['服务确认单', '现场服务记录', '电源模块电容鼓包', WORK, '电话确认', '张三']) expect(body).toContain(s);
    expect(images(file)).toBe(1);

    const { ticket } = await api.ticketWithUnit();
    const bare = await api.create(ticket.id);
    const unsigned = save('unsigned.pdf', (await t.as('engineer', { method: 'GET', url: `/api/v1/repairs/${bare.id}/confirmation.pdf` })).rawPayload);
    expect(text(unsigned)).toContain('（未签字）');
    expect(images(unsigned)).toBe(0);
    const factory = await api.create(ticket.id, { mode: 'factory' });
    expect((await t.as('engineer', { method: 'GET', url: `/api/v1/repairs/${factory.id}/confirmation.pdf` })).statusCode).toBe(409);
  });
});

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeSerialUnit } from '../../../test/factories';
import { repairApi, signaturePng } from '../../../test/helpers/repairs';
import { photoForm, portalApi } from '../../../test/helpers/portal';
import { unitToken } from './portal-ticket';

// The customer's own case in the portal: photos from the phone camera, signing the service
// confirmation of a field repair, and asking for a return or exchange (an RMA for the desk to review).
let t: TestApp;
let p: ReturnType<typeof portalApi>;
beforeAll(async () => {
  t = await createTestApp();
  p = portalApi(t);
  await p.enableSms();
});
afterAll(() => t?.close());

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7), Buffer.from([0xff, 0xd9])]);
const storedFiles = () => {
  const root = join(t.ctx.dataDir, 'attachments');
  if (!existsSync(root)) return 0;
  return (readdirSync(root, { recursive: true }) as string[]).filter((f) => statSync(join(root, f)).isFile()).length;
};
const attachmentRows = async () => Number((await t.ctx.database.exec('select count(*)::int as n from attachments')).rows[0]!.n);
const upload = (cookie: string, parts: Parameters<typeof photoForm>[0]) => p.portal('POST', '/ticket/photos', { cookie, ...photoForm(parts) });

describe('photos from the phone camera', () => {
  it('the customer attaches photos; staff see them on the ticket like other attachments', async () => {
    const a = await p.submit();
    const res = await upload(a.cookie, [
      { filename: 'IMG_0001.jpg', content: JPEG },
      { filename: '铭牌.png', content: Buffer.from(signaturePng().split(',')[1]!, 'base64'), contentType: 'image/png' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as { photos: { fileName: string }[] }).photos.map((x) => x.fileName)).toEqual(['IMG_0001.jpg', '铭牌.png']);
    const ticketId = await p.ticketIdOf(a.number);
    const staff = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${ticketId}/attachments` })).json() as {
      items: { id: string; fileName: string; mimeType: string; uploadedById: string | null }[];
    };
    expect(staff.items.map((i) => [i.fileName, i.mimeType, i.uploadedById])).toEqual([
      ['IMG_0001.jpg', 'image/jpeg', null],
      ['铭牌.png', 'image/png', null],
    ]);
    const file = await t.as('agent', { method: 'GET', url: `/api/v1/attachments/${staff.items[0]!.id}/content` });
    expect(file.rawPayload.equals(JPEG)).toBe(true);
  });

  it('refuses a non-photo, an oversized photo, a non-multipart body and no file, storing nothing', async () => {
    const a = await p.submit();
    const [rows, files] = [await attachmentRows(), storedFiles()];
    // One bad file refuses the lot (the good photo beside it is not kept either).
    const doc = await upload(a.cookie, [
      { filename: 'IMG_0002.jpg', content: JPEG },
      { filename: '说明.pdf', content: Buffer.from('%PDF-1.4'), contentType: 'application/pdf' },
    ]);
    expect(doc.statusCode).toBe(415);
    expect(doc.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    expect((await upload(a.cookie, [{ filename: 'payload.exe', content: JPEG }])).statusCode).toBe(415);
    const big = await upload(a.cookie, [{ filename: 'big.jpg', content: Buffer.alloc(t.ctx.maxAttachmentBytes + 10, 1) }]);
    expect(big.statusCode).toBe(413);
    expect((await upload(a.cookie, [{ filename: 'empty.jpg', content: Buffer.alloc(0) }])).statusCode).toBe(400);
    expect((await p.portal('POST', '/ticket/photos', { cookie: a.cookie, payload: { file: 'x' } })).statusCode).toBe(415);
    expect([await attachmentRows(), storedFiles()]).toEqual([rows, files]);
    // Without a portal session (or with a staff one) nothing is taken.
    expect((await p.portal('POST', '/ticket/photos', photoForm([{ filename: 'a.jpg', content: JPEG }]))).statusCode).toBe(401);
    expect(
      (await t.as('agent', { method: 'POST', url: '/api/v1/portal/ticket/photos', ...photoForm([{ filename: 'a.jpg', content: JPEG }]) })).statusCode,
    ).toBe(401);
    expect([await attachmentRows(), storedFiles()]).toEqual([rows, files]);
  });

  it('a session uploads at most 20 times an hour', async () => {
    const a = await p.submit();
    for (let i = 0; i < 20; i++) expect((await upload(a.cookie, [{ filename: `p${i}.jpg`, content: JPEG }])).statusCode).toBe(201);
    expect((await upload(a.cookie, [{ filename: 'p21.jpg', content: JPEG }])).statusCode).toBe(429);
  });
});

/** A field repair of the portal ticket with the on-site record written: it waits for the signature. */
async function fieldOrderAwaitingSignature(number: string) {
  const r = repairApi(t);
  const ticketId = await p.ticketIdOf(number);
  const repair = (await r.create(ticketId)) as { id: string };
  await r.diagnose(repair.id);
  const quoted = (await r.quote(repair.id, false)) as { quote: { version: number } };
  await r.approve(repair.id, quoted.quote.version);
  await r.ok('agent', 'POST', `/repairs/${repair.id}/dispatch`, { engineerId: t.users.engineer.id });
  await r.ok('engineer', 'POST', `/repairs/${repair.id}/accept`);
  await r.ok('engineer', 'POST', `/repairs/${repair.id}/check-in`);
  expect((await r.move(repair.id, 'in_repair')).statusCode).toBe(200);
  expect((await r.move(repair.id, 'testing')).statusCode).toBe(200);
  await r.ok('engineer', 'POST', `/repairs/${repair.id}/on-site-record`, {
    findings: '电源板电容鼓包',
    work: '更换电解电容两只，老化测试',
    partsUsed: [{ code: 'CAP-470', name: '电解电容 470μF', quantity: 2 }],
    testResult: '输出电压 24.0V 稳定',
    testPassed: true,
  });
  return { r, repairId: repair.id, ticketId };
}

describe('signing the service confirmation in the portal', () => {
  it('the customer reads the on-site record and signs; the repair can then be handed over and the PDF carries the signature', async () => {
    const a = await p.submit();
    expect(((await p.portal('GET', '/ticket', { cookie: a.cookie })).json() as { toSign: unknown }).toSign).toBeNull();
    const { r, repairId } = await fieldOrderAwaitingSignature(a.number);
    const view = (await p.portal('GET', '/ticket', { cookie: a.cookie })).json() as {
      toSign: { repairId: string; version: number; work: string; partsUsed: unknown[] };
      signedConfirmation: boolean;
    };
    expect(view.toSign).toMatchObject({ repairId, work: '更换电解电容两只，老化测试', partsUsed: [{ name: '电解电容 470μF', quantity: 2 }] });
    expect(view.signedConfirmation).toBe(false);
    expect((await p.portal('GET', '/ticket/confirmation.pdf', { cookie: a.cookie })).statusCode).toBe(404);
    const sign = (over: Record<string, unknown> = {}, cookie = a.cookie) =>
      p.portal('POST', '/ticket/signature', {
        cookie,
        payload: { repairId, version: view.toSign.version, signerName: '王女士', signature: signaturePng(), ...over },
      });
    // Not a PNG drawing, a stale version, another ticket's session: refused, nothing signed.
    expect((await sign({ signature: 'data:image/png;base64,iVBORw0KGgo=' })).statusCode).toBe(400);
    expect((await sign({ version: view.toSign.version - 1 })).statusCode).toBe(409);
    const b = await p.submit();
    expect((await sign({}, b.cookie)).statusCode).toBe(409);
    expect(((await r.ok('agent', 'GET', `/repairs/${repairId}`)) as { field: { signedAt: string | null } }).field.signedAt).toBeNull();

    const signed = await sign();
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ toSign: null, signedConfirmation: true });
    expect((await sign()).statusCode).toBe(409); // signed once
    const repair = (await r.ok('agent', 'GET', `/repairs/${repairId}`)) as { field: { signerName: string } };
    expect(repair.field.signerName).toBe('王女士');
    const events = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${await p.ticketIdOf(a.number)}/events` })).json() as {
      items: { type: string; data: Record<string, unknown> }[];
    };
    expect(events.items.find((e) => e.type === 'repair_signed')?.data).toMatchObject({ signerName: '王女士', via: 'portal' });
    expect((await r.move(repairId, 'handed_over')).statusCode).toBe(200);
    // The same PDF the tablet produces, with the signature image; for staff and for this customer only.
    const pdf = await p.portal('GET', '/ticket/confirmation.pdf', { cookie: a.cookie });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const staffPdf = await t.as('agent', { method: 'GET', url: `/api/v1/repairs/${repairId}/confirmation.pdf` });
    expect(pdf.rawPayload.length).toBeGreaterThan(2000);
    expect(Math.abs(pdf.rawPayload.length - staffPdf.rawPayload.length)).toBeLessThan(200); // only the creation date differs
    expect((await p.portal('GET', '/ticket/confirmation.pdf', { cookie: b.cookie })).statusCode).toBe(404);
  });
});

describe('asking for a return or exchange', () => {
  const ask = {
    kind: 'return',
    reason: 'no_reason',
    salesChannel: 'online',
    receivedOn: '2026-11-16',
    condition: { unused: true, packagingIntact: true, accessoriesComplete: true, activated: false, sealBroken: false },
    proofOfPurchase: 'JD-20261115-889',
    pricePaidFen: 129900,
    paymentMethod: 'alipay',
    description: '不想要了，包装未拆',
  };

  it('opens an RMA awaiting the desk’s review, with the ticket’s unit and the customer’s photos', async () => {
    const unit = await makeSerialUnit(t, { purchaseDate: '2026-11-15' });
    const a = await p.submit({ unitToken: await unitToken(t.ctx, unit.id) });
    await upload(a.cookie, [{ filename: '外包装.jpg', content: JPEG }]);
    const res = await p.portal('POST', '/ticket/rma', { cookie: a.cookie, payload: ask });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'return', status: 'requested', statusText: { zh: '待审核' } });
    const view = (await p.portal('GET', '/ticket', { cookie: a.cookie })).json() as { returns: { number: string; statusText: { zh: string } }[] };
    expect(view.returns).toEqual([{ number: res.json().number, kind: 'return', statusText: { zh: '待审核', en: 'Awaiting review' } }]);
    // The desk sees it in its RMA list, awaiting review, with the unit, the price and the photo.
    const ticketId = await p.ticketIdOf(a.number);
    const rmas = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${ticketId}/rmas` })).json() as {
      items: { status: string; items: { serialNumber: string; unitPriceFen: number }[]; photoAttachmentIds: string[]; eligibility: { allowed: boolean } }[];
    };
    expect(rmas.items).toHaveLength(1);
    expect(rmas.items[0]).toMatchObject({
      status: 'requested',
      items: [{ serialNumber: unit.serialNumber, unitPriceFen: 129900 }],
      eligibility: { allowed: true },
    });
    expect(rmas.items[0]!.photoAttachmentIds).toHaveLength(1);
  });

  it('a remedy the law refuses is a 409 with the reasons and opens nothing; a ticket without a unit needs the product name', async () => {
    const a = await p.submit();
    const late = await p.portal('POST', '/ticket/rma', { cookie: a.cookie, payload: { ...ask, productName: '变频控制器', receivedOn: '2026-10-01' } });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('无理由');
    const noName = await p.portal('POST', '/ticket/rma', { cookie: a.cookie, payload: ask });
    expect(noName.statusCode).toBe(400);
    expect(((await p.portal('GET', '/ticket', { cookie: a.cookie })).json() as { returns: unknown[] }).returns).toEqual([]);
    expect((await p.portal('POST', '/ticket/rma', { payload: ask })).statusCode).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProductModel, makeSerialUnit, makeTicket } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';

// 除外责任证据 The proof for an exclusion (man-made damage …) is stored with the ticket's warranty
// decision: the decision is judged on that cause, quotes the evidence in the reason that cites the
// rule, and shows the note and photos.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function uploadPhoto(ticketId: string, filename: string) {
  const boundary = '----shouhouEvidence';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`, 'utf8'),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.as('engineer', {
    method: 'POST',
    url: `/api/v1/tickets/${ticketId}/attachments`,
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().items[0] as { id: string; fileName: string };
}

const record = (ticketId: string, payload: unknown, role: Parameters<TestApp['as']>[0] = 'engineer') =>
  t.as(role, { method: 'POST', url: `/api/v1/tickets/${ticketId}/warranty/exclusion`, payload });

describe('warranty exclusion evidence on a ticket', () => {
  it('is stored, judged on, quoted with its rule and shown on the ticket', async () => {
    const model = await makeProductModel(t, { warrantyMonths: 12 });
    const unit = await makeSerialUnit(t, { productModelId: model.id, purchaseDate: '2026-06-01' });
    const ticket = await makeTicket(t, { serialUnitId: unit.id });
    const before = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${ticket.id}` })).json().warranty;
    expect(before).toMatchObject({ inWarranty: true, free: true, exclusion: null });

    const photo = await uploadPhoto(ticket.id, '外壳摔裂.png');
    const res = await record(ticket.id, { cause: 'misuse', note: '外壳右侧摔裂，内部电路板断裂', attachmentIds: [photo.id] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ cause: 'misuse', attachments: [{ id: photo.id, fileName: '外壳摔裂.png', mimeType: 'image/png' }] });

    const after = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${ticket.id}` })).json().warranty;
    expect(after).toMatchObject({
      inWarranty: true,
      free: false,
      stage: 'out_of_warranty',
      cause: 'misuse',
      exclusion: { cause: 'misuse', note: '外壳右侧摔裂，内部电路板断裂', recordedByName: expect.any(String) },
    });
    const reason = after.reasons.find((r: { code: string }) => r.code === 'excluded_misuse');
    expect(reason.text).toContain('外壳右侧摔裂');
    expect(reason.text).toContain('外壳摔裂.png');
    expect(reason.rule).toBeTruthy();
    expect(reason.ruleZh).toBeTruthy();

    // On the ticket's timeline (internal).
    const events = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${ticket.id}/events` })).json().items as { type: string }[];
    expect(events.map((e) => e.type)).toContain('warranty_exclusion_recorded');
  });

  it('refuses bad input with 4xx and records nothing', async () => {
    const ticket = await makeTicket(t);
    const other = await makeTicket(t);
    const foreign = await uploadPhoto(other.id, 'other.png');
    const notOwn = await record(ticket.id, { cause: 'misuse', note: '摔坏', attachmentIds: [foreign.id] });
    expect(notOwn.statusCode).toBe(400);
    expect(JSON.stringify(notOwn.json())).toContain('attachmentIds.0');
    expect((await record(ticket.id, { cause: 'quality', note: '质量问题' })).statusCode).toBe(400); // not an exclusion
    expect((await record(ticket.id, { cause: 'misuse', note: '' })).statusCode).toBe(400);
    expect((await record('00000000-0000-4000-8000-000000000000', { cause: 'misuse', note: '摔坏' })).statusCode).toBe(404);
    expect((await record(ticket.id, { cause: 'misuse', note: '摔坏' }, 'finance')).statusCode).toBe(403);
    const view = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${ticket.id}` })).json();
    expect(view.warranty?.exclusion ?? null).toBeNull();
  });
});

import { crc32, deflateSync } from 'node:zlib';
import { makeSerialUnit, makeTicket } from '../factories';
import type { TestApp } from './app';

// Fixtures of the repairs tests: a ticket on an in-warranty unit, a repair order moved along its
// lifecycle through the API, and a real PNG signature (pdfkit decodes it, so it must be valid).

/** A width×height RGBA PNG: white, with a black diagonal stroke and a bar (a "signature"). */
export function signaturePng(width = 240, height = 90): string {
  const raw = Buffer.alloc((width * 4 + 1) * height, 255);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const onStroke = Math.abs(y - (x * height) / width) < 3 || (y > height - 20 && y < height - 14 && x > 20 && x < width - 20);
      if (onStroke) {
        const o = y * (width * 4 + 1) + 1 + x * 4;
        raw[o] = raw[o + 1] = raw[o + 2] = 0;
      }
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

type Role = Parameters<TestApp['as']>[0];

export function repairApi(t: TestApp) {
  const call = async (role: Role, method: string, url: string, payload?: unknown) => t.as(role, { method, url: `/api/v1${url}`, payload });
  const ok = async (role: Role, method: string, url: string, payload?: unknown) => {
    const res = await call(role, method, url, payload);
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  return {
    call,
    ok,
    /** A ticket on a unit bought 2026-03-01 with 12 months' warranty (in warranty on the test clock's 2026-11-20). */
    async ticketWithUnit(purchaseDate = '2026-03-01') {
      const unit = await makeSerialUnit(t, { purchaseDate });
      const ticket = await makeTicket(t, { serialUnitId: unit.id });
      return { ticket, unit };
    },
    create: (ticketId: string, payload: Record<string, unknown> = { mode: 'field', siteAddress: '上海市浦东新区张江路100号' }) =>
      ok('agent', 'POST', `/tickets/${ticketId}/repairs`, payload),
    diagnose: (id: string, cause = 'quality') =>
      ok('engineer', 'PUT', `/repairs/${id}/diagnosis`, {
        diagnosisMode: 'on_site',
        faultCategory: 'power',
        cause,
        findings: '电源模块输出电压偏低，电容鼓包',
      }),
    quote: (id: string, free = true, extra: Record<string, unknown>[] = []) =>
      ok('engineer', 'PUT', `/repairs/${id}/quote`, {
        plan: '更换电源模块电容并老化测试',
        estimatedHours: 2,
        lines: [
          { kind: 'part', code: 'CAP-470', name: '电解电容 470μF', unitPriceFen: 1250, quantity: 2, free },
          { kind: 'labour', code: 'L-PART', name: '部件更换工时', unitPriceFen: 8000, quantity: 1, free },
          ...extra,
        ],
      }),
    approve: (id: string, quoteVersion: number, role: Role = 'agent') =>
      ok(role, 'POST', `/repairs/${id}/approval`, { method: 'phone', approverName: '张三', decision: 'approve', quoteVersion, note: '电话确认方案和费用' }),
    move: (id: string, to: string, extra: Record<string, unknown> = {}, role: Role = 'engineer') =>
      call(role, 'POST', `/repairs/${id}/transitions`, { to, ...extra }),
  };
}

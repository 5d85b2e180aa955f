import { Readable } from 'node:stream';
import { deflateSync } from 'node:zlib';
import type { Actor } from '../context';
import { recordAttachments, stageAttachment } from '../modules/attachments/attachments.service';
import { Staging } from '../modules/attachments/storage';
import type { TicketDeps } from '../modules/tickets/tickets.service';

// Small generated files, stored through the attachments service like an upload: a photo of the
// nameplate, a test report, a controller log. Real bytes (a valid PNG and PDF) so previews open.

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 64×48 grey gradient with a darker band: enough to look like a blurry phone photo. */
export function demoPng(shade: number): Buffer {
  const w = 64;
  const h = 48;
  const rows: Buffer[] = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 3);
    for (let x = 0; x < w; x++) {
      const v = (shade + x * 2 + (y > 18 && y < 30 ? -60 : y)) & 0xff;
      row.writeUInt8(v, 1 + x * 3);
      row.writeUInt8(v, 2 + x * 3);
      row.writeUInt8(Math.min(255, v + 20), 3 + x * 3);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** A one-page PDF with one line of ASCII text (the built-in fonts have no Chinese glyphs). */
export function demoPdf(line: string): Buffer {
  const text = line.replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 50 750 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export type DemoFileKind = 'photo' | 'report' | 'log';

export async function attachDemoFile(ctx: TicketDeps, ticketId: string, kind: DemoFileKind, serial: string, actor: Actor): Promise<void> {
  const staging = new Staging(ctx.dataDir);
  const [filename, bytes] =
    kind === 'photo'
      ? [`铭牌照片-${serial}.png`, demoPng(serial.length * 17)]
      : kind === 'report'
        ? [`检测报告-${serial}.pdf`, demoPdf(`Test report ${serial}: see attached measurements`)]
        : [`运行日志-${serial}.txt`, Buffer.from(`[${serial}] 2026-11-18 08:02:11 E203 通讯超时\n[${serial}] 2026-11-18 08:02:14 重连成功\n`, 'utf8')];
  try {
    const staged = await stageAttachment(staging, { filename, stream: Readable.from([bytes]) });
    await recordAttachments(ctx, ticketId, [staged], actor);
  } finally {
    await staging.discard();
  }
}

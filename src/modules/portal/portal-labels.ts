import QRCode from 'qrcode';
import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';
import { getSerialUnit } from '../products/products.service';
import { renderPdf } from '../repairs/repairs.service';
import { unitToken } from './portal-ticket';

// 二维码标签: A4 sheets of 3 × 8 labels (70 × 37 mm, the common self-adhesive sheet). Each label
// carries the unit's QR code (the portal link with its unguessable token), serial and model.
const MM = 72 / 25.4;
const COLS = 3;
const ROWS = 8;
const LABEL_W = 70 * MM;
const LABEL_H = 37 * MM;
const TOP = (297 * MM - ROWS * LABEL_H) / 2;
const QR = 31 * MM;

/** Where the printed code leads: the configured public address, else the address staff used. */
export function portalBase(requestOrigin: string): string {
  return (process.env.SHOUHOU_PUBLIC_URL ?? requestOrigin).replace(/\/$/, '');
}

export async function unitLabelsPdf(ctx: AppContext, serialUnitIds: string[], origin: string): Promise<Buffer> {
  // Every unit is looked up before any token is made: a refused request writes nothing.
  const units = [];
  for (const id of serialUnitIds) {
    const unit = await getSerialUnit(ctx, id).catch(() => null);
    if (!unit) throw notFound('serial unit', id);
    units.push(unit);
  }
  const labels: { png: Buffer; serial: string; model: string }[] = [];
  for (const unit of units) {
    const url = `${portalBase(origin)}/portal/u/${await unitToken(ctx, unit.id)}`;
    const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
    labels.push({ png, serial: unit.serialNumber, model: `${unit.model.modelNumber} ${unit.model.name}` });
  }
  return renderPdf('二维码标签 Unit labels', (doc) => {
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    labels.forEach((label, i) => {
      const slot = i % (COLS * ROWS);
      if (i > 0 && slot === 0) doc.addPage({ size: 'A4', margin: 0 });
      const x = (slot % COLS) * LABEL_W;
      const y = TOP + Math.floor(slot / COLS) * LABEL_H;
      doc.image(label.png, x + 3 * MM, y + 3 * MM, { width: QR, height: QR });
      const tx = x + QR + 5 * MM;
      const width = LABEL_W - QR - 8 * MM;
      doc.fontSize(9).text('扫码报修', tx, y + 5 * MM, { width, lineBreak: false });
      doc.fontSize(7).text(label.serial, tx, y + 12 * MM, { width });
      doc.fontSize(7).text(label.model, tx, y + 20 * MM, { width, height: 12 * MM, ellipsis: true });
    });
  });
}

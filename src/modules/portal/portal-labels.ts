import QRCode from 'qrcode';
import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';
import { getSerialUnit } from '../products/products.service';
import { renderPdf, type Doc } from '../repairs/repairs.service';
import { unitToken } from './portal-ticket';

// 二维码标签: A4 sheets of 3 × 8 labels (70 × 37 mm, the common self-adhesive sheet). Each label
// carries the unit's QR code (the portal link with its unguessable token), serial and model.
/** The sheet's layout in millimetres (A4 portrait); the tests' scanner cuts labels out by it. */
export const LABEL_SHEET = { cols: 3, rows: 8, labelWidthMm: 70, labelHeightMm: 37, topMm: (297 - 8 * 37) / 2 } as const;
const MM = 72 / 25.4;
const { cols: COLS, rows: ROWS } = LABEL_SHEET;
const LABEL_W = LABEL_SHEET.labelWidthMm * MM;
const LABEL_H = LABEL_SHEET.labelHeightMm * MM;
const TOP = LABEL_SHEET.topMm * MM;
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
  const labels: SheetLabel[] = [];
  for (const unit of units)
    labels.push({
      url: `${portalBase(origin)}/portal/u/${await unitToken(ctx, unit.id)}`,
      lines: [unit.serialNumber, `${unit.model.modelNumber} ${unit.model.name}`],
    });
  return labelSheetPdf('二维码标签 Unit labels', labels);
}

/** One label of a sheet: the link its QR code carries and up to two small lines beside it. */
export interface SheetLabel {
  url: string;
  lines: [string, string];
}

/**
 * The QR code as vector squares, one rectangle per run of dark modules in a row: sharp on any printer,
 * a few kilobytes a sheet. A PNG per label took ~8 ms to encode and pdfkit re-encoded it, so 240 labels
 * took about 3 s and 1.1 MB. One quiet module around the code, as before; the label's blank edge adds to it.
 */
function drawQr(doc: Doc, url: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const unit = size / (n + 2);
  // Rows overlap by a hair so no viewer's anti-aliasing draws white seams between them.
  const seam = unit * 0.02;
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      doc.rect(x + (start + 1) * unit, y + (row + 1) * unit, (col - start) * unit, unit + seam);
    }
  }
  doc.fillColor('black').fill();
}

/** A4 sheets of 3 × 8 labels, each with its QR code, 扫码报修 and its two lines. */
export async function labelSheetPdf(title: string, labels: SheetLabel[]): Promise<Buffer> {
  return renderPdf(title, (doc) => {
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    labels.forEach((label, i) => {
      const slot = i % (COLS * ROWS);
      if (i > 0 && slot === 0) doc.addPage({ size: 'A4', margin: 0 });
      const x = (slot % COLS) * LABEL_W;
      const y = TOP + Math.floor(slot / COLS) * LABEL_H;
      drawQr(doc, label.url, x + 3 * MM, y + 3 * MM, QR);
      // The same link, clickable where the sheet is opened on a screen.
      doc.link(x + 3 * MM, y + 3 * MM, QR, QR, label.url);
      const tx = x + QR + 5 * MM;
      const width = LABEL_W - QR - 8 * MM;
      doc.fontSize(9).text('扫码报修', tx, y + 5 * MM, { width, lineBreak: false });
      doc.fontSize(7).text(label.lines[0], tx, y + 12 * MM, { width });
      doc.fontSize(7).text(label.lines[1], tx, y + 20 * MM, { width, height: 12 * MM, ellipsis: true });
    });
  });
}

import { existsSync } from 'node:fs';
import type PDFDocument from 'pdfkit';
import { loadPdfKit } from '../../../lazy-libs';
import { parseSignature } from '../../../domain/repair';

// Chinese PDFs need a real CJK font embedded: Debian's fonts-noto-cjk (.ci/run installs it). The
// .ttc holds several faces; pdfkit picks the Simplified Chinese one by its PostScript name.
export const CJK_FONT_PATHS = [
  process.env.SHOUHOU_CJK_FONT,
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
].filter((p): p is string => Boolean(p));
export const CJK_FACE = 'NotoSansCJKsc-Regular';

export function cjkFontPath(): string {
  const found = CJK_FONT_PATHS.find((p) => existsSync(p));
  // A missing system package is an operator's problem, said plainly (the API answers 500 internal).
  if (!found) throw new Error(`no CJK font for PDFs: install Debian's fonts-noto-cjk (looked in ${CJK_FONT_PATHS.join(', ')})`);
  return found;
}

export type Doc = InstanceType<typeof PDFDocument>;

/** Builds an A4 document with the CJK font and returns its bytes. */
export async function renderPdf(title: string, draw: (doc: Doc) => void): Promise<Buffer> {
  const doc = new (await loadPdfKit())({ size: 'A4', margin: 50, info: { Title: title, Producer: 'shouhou' } });
  doc.registerFont('cjk', cjkFontPath(), CJK_FACE);
  doc.font('cjk');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

export function heading(doc: Doc, text: string): void {
  doc.fontSize(20).text(text, { align: 'center' }).moveDown(0.8);
}

export function section(doc: Doc, text: string): void {
  doc.moveDown(0.5).fontSize(13).fillColor('#1f3a93').text(text).fillColor('black').moveDown(0.2);
}

/** "label：value" rows; an empty value prints a dash so a blank is visibly blank. */
export function fields(doc: Doc, rows: [string, string | null | undefined][]): void {
  doc.fontSize(10.5);
  for (const [k, v] of rows) doc.text(`${k}：${v?.toString().trim() ? v : '—'}`, { lineGap: 2 });
}

/** A simple table: header and rows of cells, column widths in points. */
export function table(doc: Doc, widths: number[], header: string[], rows: string[][]): void {
  const x0 = doc.page.margins.left;
  const line = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
    const y = doc.y;
    let x = x0;
    let h = 0;
    doc.fontSize(bold ? 10.5 : 10).fillColor(bold ? '#333333' : 'black');
    cells.forEach((c, i) => {
      doc.text(c, x + 2, y, { width: widths[i]! - 4 });
      h = Math.max(h, doc.y - y);
      x += widths[i]!;
    });
    doc.fillColor('black');
    doc.y = y + h + 3;
    doc
      .moveTo(x0, doc.y - 1)
      .lineTo(x0 + widths.reduce((a, b) => a + b, 0), doc.y - 1)
      .strokeColor('#cccccc')
      .stroke();
  };
  line(header, true);
  for (const r of rows) line(r, false);
  doc.x = x0;
  doc.moveDown(0.3);
}

/** Draws the customer's signature image (a validated PNG data URL) with the signer's name and time. */
export function signatureBlock(doc: Doc, label: string, dataUrl: string | null, signer: string | null, at: string | null): void {
  // The heading, the image and the signer stay together on one page.
  if (doc.y > doc.page.height - doc.page.margins.bottom - 170) doc.addPage();
  section(doc, label);
  const png = dataUrl ? parseSignature(dataUrl) : null;
  if (png && !('problem' in png)) {
    const y = doc.y;
    doc.image(Buffer.from(png.bytes), doc.page.margins.left, y, { fit: [220, 90] });
    doc.y = y + 95;
    doc.x = doc.page.margins.left;
  } else doc.fontSize(10.5).text('（未签字）');
  fields(doc, [
    ['签字人', signer],
    ['签字时间', at],
  ]);
}

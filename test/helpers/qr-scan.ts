import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { LABEL_SHEET } from '../../src/modules/portal/portal-labels';

// What a phone's camera reads off a printed label sheet: the PDF's first page rasterised by poppler
// (as a printer would), each 70 × 37 mm label cut out, its QR code decoded. Null where none decodes.
const DPI = 150;
const PX_PER_MM = DPI / 25.4;
const { cols: COLS, rows: ROWS, labelWidthMm: LABEL_W_MM, labelHeightMm: LABEL_H_MM, topMm: TOP_MM } = LABEL_SHEET;

/** Parses the binary greyscale image pdftoppm writes with -gray (PGM, "P5"). */
function readPgm(bytes: Buffer): { width: number; height: number; pixels: Buffer } {
  const header = bytes
    .subarray(0, 64)
    .toString('latin1')
    .match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
  if (!header) throw new Error('not a binary PGM image');
  return { width: Number(header[1]), height: Number(header[2]), pixels: bytes.subarray(header[0].length) };
}

export function scanLabelSheet(pdf: Buffer, labels: number): (string | null)[] {
  const dir = mkdtempSync(join(tmpdir(), 'qr-scan-'));
  try {
    writeFileSync(join(dir, 'sheet.pdf'), pdf);
    execFileSync('pdftoppm', ['-gray', '-r', String(DPI), '-f', '1', '-l', '1', '-singlefile', join(dir, 'sheet.pdf'), join(dir, 'page')]);
    const page = readPgm(readFileSync(join(dir, 'page.pgm')));
    return Array.from({ length: Math.min(labels, COLS * ROWS) }, (_, slot) => {
      const x0 = Math.round((slot % COLS) * LABEL_W_MM * PX_PER_MM);
      const y0 = Math.round((TOP_MM + Math.floor(slot / COLS) * LABEL_H_MM) * PX_PER_MM);
      const w = Math.floor(LABEL_W_MM * PX_PER_MM);
      const h = Math.floor(LABEL_H_MM * PX_PER_MM);
      const rgba = new Uint8ClampedArray(w * h * 4);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const v = page.pixels[(y0 + y) * page.width + x0 + x] ?? 255;
          rgba.set([v, v, v, 255], (y * w + x) * 4);
        }
      return jsQR(rgba, w, h)?.data ?? null;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

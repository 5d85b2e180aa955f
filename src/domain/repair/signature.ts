import { z } from 'zod';

// 客户签名 The customer's signature as captured on the engineer's tablet: a PNG data URL. Checked
// here (pure: no Buffer, so the web app can check before sending) for what a real drawing needs —
// the PNG signature bytes, an IHDR of sane size — and bounded, so nobody stores a photo album in a
// column. The image is drawn into the service confirmation and repair report PDFs.

const PREFIX = 'data:image/png;base64,';
/** 300 KB of PNG is far more than a signature stroke needs. */
export const MAX_SIGNATURE_BYTES = 300 * 1024;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function decodeBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export interface PngInfo {
  width: number;
  height: number;
  bytes: Uint8Array;
}

/** The PNG's size and bytes, or why it is not an acceptable signature image. */
export function parseSignature(dataUrl: string): PngInfo | { problem: string } {
  if (!dataUrl.startsWith(PREFIX)) return { problem: 'not a PNG data URL (data:image/png;base64,…)' };
  const b64 = dataUrl.slice(PREFIX.length);
  if (b64.length > Math.ceil((MAX_SIGNATURE_BYTES * 4) / 3) + 4) return { problem: `larger than ${MAX_SIGNATURE_BYTES} bytes` };
  const bytes = decodeBase64(b64);
  if (!bytes) return { problem: 'not valid base64' };
  if (bytes.length < 33 || PNG_MAGIC.some((b, i) => bytes[i] !== b)) return { problem: 'not a PNG image' };
  // IHDR is the first chunk: length(4) "IHDR"(4) width(4) height(4), big-endian.
  const chunk = String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!);
  if (chunk !== 'IHDR') return { problem: 'PNG without IHDR' };
  const u32 = (o: number) => ((bytes[o]! << 24) >>> 0) + (bytes[o + 1]! << 16) + (bytes[o + 2]! << 8) + bytes[o + 3]!;
  const width = u32(16);
  const height = u32(20);
  if (width < 50 || height < 20 || width > 4000 || height > 4000) return { problem: `image ${width}×${height}: a signature is 50×20 to 4000×4000 pixels` };
  return { width, height, bytes };
}

export const signatureDataUrlSchema = z
  .string()
  .max(Math.ceil((MAX_SIGNATURE_BYTES * 4) / 3) + 64)
  .superRefine((v, c) => {
    const parsed = parseSignature(v);
    if ('problem' in parsed) c.addIssue({ code: 'custom', message: `Signature: ${parsed.problem}` });
  })
  .describe('The customer’s signature: a PNG data URL (data:image/png;base64,…), 50×20 to 4000×4000 pixels, at most 300 KB');

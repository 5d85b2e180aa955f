// The portal talks only to /api/v1/portal/* with its own cookie (never the staff session).
export class PortalError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function portalApi<T>(method: 'GET' | 'POST', path: string, lang: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1/portal${path}`, {
    method,
    credentials: 'same-origin',
    headers: { 'accept-language': lang, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!res.ok) throw new PortalError(res.status, data?.error?.code ?? 'error', data?.error?.message ?? res.statusText);
  return data as T;
}

/** 上传照片: the phone camera's pictures as multipart/form-data (the browser sets the boundary). */
export async function uploadPhotos(files: readonly File[], lang: string): Promise<PortalTicket> {
  const form = new FormData();
  for (const f of files) form.append('file', f, f.name);
  const res = await fetch('/api/v1/portal/ticket/photos', { method: 'POST', credentials: 'same-origin', headers: { 'accept-language': lang }, body: form });
  const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!res.ok) throw new PortalError(res.status, data?.error?.code ?? 'error', data?.error?.message ?? res.statusText);
  return data as PortalTicket;
}

export interface PortalUnit {
  blank: false;
  serialNumber: string;
  modelNumber: string;
  modelName: string;
  warranty: { status: 'in_warranty' | 'expired' | 'unknown'; coveredThrough: string | null };
}
/** 空白标签 not bound to a unit yet: its printed reference. */
export interface PortalBlankLabel {
  blank: true;
  label: string;
}
export interface PortalTicket {
  number: string;
  status: string;
  statusText: { zh: string; en: string };
  receivedAt: string;
  nextPromisedAt: string | null;
  updates: { kind: string; label: { zh: string; en: string }; body: string; at: string }[];
  quote: { repairId: string; version: number; totalFen: number; lines: { name: string; quantity: number; unitPriceFen: number; free: boolean }[] } | null;
  canRate: boolean;
  photos: { fileName: string; at: string }[];
  toSign: {
    repairId: string;
    number: string;
    version: number;
    checkInAt: string | null;
    checkOutAt: string | null;
    findings: string;
    work: string;
    partsUsed: { name: string; quantity: number }[];
    testResult: string;
    testPassed: boolean;
  } | null;
  signedConfirmation: boolean;
  returns: { number: string; kind: 'return' | 'exchange'; statusText: { zh: string; en: string } }[];
}
export interface PortalCreated {
  number: string;
  accessCode: string;
  link: string;
}

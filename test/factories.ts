import type { TestApp } from './helpers/app';

let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

export async function makeProductModel(t: TestApp, over: Record<string, unknown> = {}) {
  const res = await t.as('admin', {
    method: 'POST',
    url: '/api/v1/product-models',
    payload: { modelNumber: `PM-${uniq()}`, name: '工业电源模块', category: '电子类', warrantyMonths: 12, ...over },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string; modelNumber: string };
}

export async function makeCustomer(t: TestApp, over: Record<string, unknown> = {}) {
  const res = await t.as('agent', {
    method: 'POST',
    url: '/api/v1/customers',
    payload: { name: `华东精密制造有限公司${uniq()}`, contacts: [{ name: '张三', phone: '13812345678', email: 'zhang.san@example.com', address: '上海市浦东新区张江路100号' }], ...over },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string; name: string; contacts: { id: string }[] };
}

export async function makeSerialUnit(t: TestApp, over: Record<string, unknown> = {}) {
  const model = over.productModelId ? null : await makeProductModel(t);
  const res = await t.as('agent', {
    method: 'POST',
    url: '/api/v1/serial-units',
    payload: { serialNumber: `SN-${uniq()}`, productModelId: model?.id, purchaseDate: '2026-03-01', purchaseChannel: '经销商', batch: 'B2026-03', ...over },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string; serialNumber: string; productModelId: string };
}

export async function makeTicket(t: TestApp, over: Record<string, unknown> = {}, role: 'agent' | 'admin' | 'manager' | 'engineer' = 'agent') {
  const customer = over.customerId || over.customer ? null : await makeCustomer(t);
  const res = await t.as(role, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { channel: 'phone', requestType: 'repair', description: '设备指示灯不亮，无法启动', customerId: customer?.id, ...over },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string; number: string; status: string };
}

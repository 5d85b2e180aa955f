import type { z } from 'zod';
import type { customerCreateSchema } from '../src/domain/customer/customer.schemas';
import type { productModelCreateSchema, serialUnitCreateSchema } from '../src/domain/product/product.schemas';
import type { ticketCreateSchema } from '../src/domain/ticket/ticket.schemas';
import type { userCreateSchema } from '../src/modules/identity/identity.schemas';
import type { Role } from '../src/modules/identity/identity.tables';
import { PASSWORD, type TestApp } from './helpers/app';

// Test data goes in through the HTTP API, like a client's: a factory never writes tables directly.
// Overrides are typed from what the API accepts (z.input: fields with defaults stay optional), so a
// renamed or retyped field breaks the tests at compile time instead of silently being ignored.
export type CustomerCreateRequest = z.input<typeof customerCreateSchema>;
export type ProductModelCreateRequest = z.input<typeof productModelCreateSchema>;
export type SerialUnitCreateRequest = z.input<typeof serialUnitCreateSchema>;
export type TicketCreateRequest = z.input<typeof ticketCreateSchema>;
export type UserCreateRequest = z.input<typeof userCreateSchema>;

let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

async function created<T>(res: { statusCode: number; body: string; json(): unknown }, what: string): Promise<T> {
  if (res.statusCode !== 201) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

export async function makeProductModel(t: TestApp, overrides: Partial<ProductModelCreateRequest> = {}) {
  const payload: ProductModelCreateRequest = { modelNumber: `PM-${uniq()}`, name: '工业电源模块', category: '电子类', warrantyMonths: 12, ...overrides };
  const res = await t.as('admin', { method: 'POST', url: '/api/v1/product-models', payload });
  return created<{ id: string; modelNumber: string; warrantyMonths: number }>(res, 'makeProductModel');
}

export async function makeCustomer(t: TestApp, overrides: Partial<CustomerCreateRequest> = {}) {
  const payload: CustomerCreateRequest = {
    name: `华东精密制造有限公司${uniq()}`,
    contacts: [{ name: '张三', phone: '13812345678', email: 'zhang.san@example.com', address: '上海市浦东新区张江路100号' }],
    // Most tests reuse this contact for many customers: the duplicate check is tested on its own.
    confirmNew: true,
    ...overrides,
  };
  const res = await t.as('agent', { method: 'POST', url: '/api/v1/customers', payload });
  return created<{ id: string; name: string; contacts: { id: string; isPrimary: boolean }[] }>(res, 'makeCustomer');
}

/** A unit of a new product model unless `productModelId` names one. */
export async function makeSerialUnit(t: TestApp, overrides: Partial<SerialUnitCreateRequest> = {}) {
  const productModelId = overrides.productModelId ?? (await makeProductModel(t)).id;
  const payload: SerialUnitCreateRequest = {
    serialNumber: `SN-${uniq()}`,
    productModelId,
    purchaseDate: '2026-03-01',
    purchaseChannel: '经销商',
    batch: 'B2026-03',
    ...overrides,
  };
  const res = await t.as('agent', { method: 'POST', url: '/api/v1/serial-units', payload });
  return created<{ id: string; serialNumber: string; productModelId: string }>(res, 'makeSerialUnit');
}

/** A ticket for a new customer unless `customerId` or an inline `customer` is given. */
export async function makeTicket(t: TestApp, overrides: Partial<TicketCreateRequest> = {}, role: Role = 'agent') {
  const customerId = overrides.customerId || overrides.customer ? undefined : (await makeCustomer(t)).id;
  const payload: TicketCreateRequest = { channel: 'phone', requestType: 'repair', description: '设备指示灯不亮，无法启动', customerId, ...overrides };
  const res = await t.as(role, { method: 'POST', url: '/api/v1/tickets', payload });
  return created<{ id: string; number: string; status: string }>(res, 'makeTicket');
}

/** A user created by the admin, logged in: `cookie` acts as them. */
export async function makeUser(t: TestApp, overrides: Partial<UserCreateRequest> = {}) {
  const username = overrides.username ?? `user-${uniq()}`;
  const payload: UserCreateRequest = { username, password: PASSWORD, role: 'agent', displayName: username, ...overrides };
  const user = await created<{ id: string; username: string; role: Role; team: string | null }>(
    await t.as('admin', { method: 'POST', url: '/api/v1/users', payload }),
    'makeUser',
  );
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: payload.password } });
  const session = login.cookies.find((c) => c.name === 'shouhou_session');
  if (login.statusCode !== 200 || !session) throw new Error(`makeUser login: ${login.statusCode} ${login.body}`);
  return { ...user, cookie: `shouhou_session=${session.value}` };
}

// Counts the SQL statements one ticket creation sends (and what the outbox worker sends for it), by
// wrapping node-postgres' Client#query before the server starts. For checking bench/lib/
// create-ticket.pgbench.sql against the server and for spotting a new round trip on the hot path:
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/<empty db> SHOUHOU_DEMO=0 LOG_LEVEL=silent \
//     SHOUHOU_DATA_DIR=$(mktemp -d) npx tsx bench/count-statements.ts     (FULL=1 prints parameters too)
import pg from 'pg';

const counts = new Map<string, number>();
let total = 0;
let counting = false;
const full = Boolean(process.env.FULL);
type Query = (...args: unknown[]) => unknown;
const original = pg.Client.prototype.query as unknown as Query;
(pg.Client.prototype as unknown as { query: Query }).query = function (this: unknown, ...args: unknown[]) {
  if (counting) {
    total++;
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : (first?.text ?? '?');
    const values = full ? ` -- ${JSON.stringify(args[1] ?? (first as { values?: unknown })?.values ?? null)}` : '';
    const key = text.replace(/\s+/g, ' ').slice(0, full ? 100_000 : 110) + values;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return original.apply(this, args);
};

const { loadConfig } = await import('../src/config');
const { startServer } = await import('../src/server');
const { ensureAdmin } = await import('../src/seed/admin');
const server = await startServer(loadConfig());
const password = 'count-statements-admin-1';
await ensureAdmin(server.ctx, password);
const { app } = server;
const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password } });
const cookie = String(login.headers['set-cookie']).split(';')[0]!;
const customer = await app.inject({
  method: 'POST',
  url: '/api/v1/customers',
  headers: { cookie },
  payload: { name: '压测电子有限公司', contacts: [{ name: '王工', phone: '13800138000', email: 'wang@example.com', address: '上海' }] },
});
const body = {
  channel: 'api',
  requestType: 'repair',
  customerId: (customer.json() as { id: string }).id,
  description: '设备开机后电源指示灯不亮，电源模块有异响，客户已尝试更换插座和重新插拔电源线，问题依旧。',
};
const create = () => app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { cookie }, payload: body });
for (let i = 0; i < 3; i++) await create(); // warm caches (calendars, policies, the day's sequence)
await new Promise((r) => setTimeout(r, 2000));
counting = true;
const n = Number(process.env.N ?? 20);
for (let i = 0; i < n; i++) {
  const res = await create();
  if (res.statusCode !== 201) console.log(res.statusCode, res.body);
}
await new Promise((r) => setTimeout(r, 3000)); // the outbox worker and the live flush
counting = false;
console.log(`statements per creation, outbox delivery and sweeps included: ${(total / n).toFixed(1)}`);
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1])) console.log((v / n).toFixed(2).padStart(6), k);
await server.close();
process.exit(0);

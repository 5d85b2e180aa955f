import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeTicket } from '../../../test/factories';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const get = (url: string) => t.as('admin', { method: 'GET', url });
const hasCjk = (s: string) => /[\u4e00-\u9fff]/.test(s);

describe('policy and calendar names in both languages (issue 9)', () => {
  it('lists shipped policies with a Chinese and an English name and description, never a code', async () => {
    const items = (await get('/api/v1/sla/policies')).json().items as {
      key: string;
      name: string;
      names: { zh: string; en: string };
      descriptions: { zh: string; en: string } | null;
    }[];
    const strictest = items.find((p) => p.key === 'strictest')!;
    expect(strictest.names.zh).toBe(strictest.name);
    expect(strictest.names.en).toBe('Strictest (default)');
    expect(strictest.descriptions!.en).toMatch(/^The tightest value/);
    expect(hasCjk(strictest.descriptions!.zh)).toBe(true);
    for (const p of items.filter((x) => x.key.startsWith('doc-'))) {
      expect(hasCjk(p.names.zh), p.key).toBe(true);
      expect(hasCjk(p.names.en), p.key).toBe(false);
      expect(p.names.en).not.toContain(p.key);
    }
  });

  it('names built-in calendars in both languages, here and in a single read', async () => {
    const items = (await get('/api/v1/sla/calendars')).json().items as { id: string; names: { zh: string; en: string } }[];
    expect(items.find((c) => c.id === 'cn-workdays')!.names).toEqual({ zh: '中国大陆工作日', en: 'Mainland China working days' });
    expect(items.find((c) => c.id === '24x7')!.names.en).toBe('Always open (24×7)');
    expect((await get('/api/v1/sla/calendars/24x7')).json().names.zh).toBe('全天候（7×24）');
  });

  it("keeps an administrator's own policy name in both languages", async () => {
    const base = (await get('/api/v1/sla/policies')).json().items.find((p: { key: string }) => p.key === 'strictest');
    const res = await t.as('admin', {
      method: 'POST',
      url: '/api/v1/sla/policies',
      payload: { key: 'vip-names', policy: { name: '大客户协议', description: '仅限签约客户', rules: base.rules } },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ names: { zh: '大客户协议', en: '大客户协议' }, descriptions: { zh: '仅限签约客户', en: '仅限签约客户' } });
  });

  it("gives the ticket page the policy's English name", async () => {
    const { id } = await makeTicket(t);
    const sla = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}` })).json().sla;
    expect(hasCjk(sla.policy.names.zh)).toBe(true);
    expect(hasCjk(sla.policy.names.en)).toBe(false);
  });
});

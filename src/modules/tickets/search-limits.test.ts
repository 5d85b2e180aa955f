import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTicket } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { MAX_PLAIN_CHARS, MAX_TOKEN_CHARS, MAX_WORDS_BYTES } from './search';

// PostgreSQL's full-text limits (a lexeme ≤ 2,047 bytes, a tsvector ≤ 1 MiB of lexemes) must never
// turn a user's text into a 500: long words are left out of the word index, and each ticket's index
// is capped (see search.ts for the numbers).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const search = async (q: string) =>
  ((await t.as('agent', { method: 'GET', url: `/api/v1/tickets?q=${encodeURIComponent(q)}&limit=200` })).json().items as { id: string }[]).map((i) => i.id);
const reply = (id: string, body: string) => t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/events`, payload: { type: 'internal_note', body } });
const stored = async (id: string) =>
  (await t.ctx.database.exec('select length(search_plain)::int as plain, octet_length(search_words)::int as words from tickets where id = $1', [id]))
    .rows[0] as { plain: number; words: number };

/** ~20,000 characters of machine log: almost every line has words no other note has (request ids). */
function uniqueLog(marker: string): string {
  const lines = [`${marker} 现场日志`];
  while (lines.join('\n').length < 19_900) lines.push(`2026-11-19 08:00:01 ERROR req=${randomBytes(8).toString('hex')} 电源模块输出电压异常`);
  return lines.join('\n').slice(0, 20_000);
}
/** ~20,000 characters of the same log line repeated, with one new word (the marker). */
function repeatedLog(marker: string): string {
  return `${marker} 现场日志\n${'WARN 指示灯熄灭 电源模块输出电压异常 请检查接触不良\n'.repeat(1000)}`.slice(0, 20_000);
}

describe('full-text limits', () => {
  it('accepts a description holding a 2,100-character word and still finds the ticket', async () => {
    // 2,100 letters and digits: one token for the segmenter (base64 without +/ or a hex dump).
    const blob = randomBytes(1575).toString('base64').replace(/[+/]/g, 'Q');
    expect(blob).toHaveLength(2100);
    const res = await t.as('agent', {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: {
        channel: 'email',
        requestType: 'repair',
        title: '上传日志后主板报错',
        description: `主板报错，日志如下：\n${blob}\n烧录固件后仍然黑屏`,
        customer: { name: '无锡长词测试有限公司', phone: '13900001111' },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json() as { id: string };
    expect(await search('黑屏')).toContain(id);
    expect(await search('无锡长词测试')).toContain(id);
    // The long word is not a lexeme, but a piece of it is still found as a substring.
    expect(await search(blob.slice(500, 540))).toContain(id);
    // The same word in a reply is fine too.
    expect((await reply(id, `再次出现：${blob}`)).statusCode).toBe(201);
    expect(MAX_TOKEN_CHARS).toBeLessThan(2100);
  });

  it(`keeps accepting replies after 80 notes of 20,000 characters; the index stops at ${MAX_WORDS_BYTES} bytes of words and ${MAX_PLAIN_CHARS} characters of text`, async () => {
    const customerName = `常熟长工单测试有限公司${randomBytes(3).toString('hex')}`;
    const res = await t.as('agent', {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: {
        channel: 'phone',
        requestType: 'repair',
        title: '产线停线 变频器反复重启',
        description: '变频器每小时重启一次',
        customer: { name: customerName, phone: '13900002222' },
      },
    });
    const { id, number } = res.json() as { id: string; number: string };
    const markers = Array.from({ length: 80 }, (_, i) => `note${i + 1}x${randomBytes(4).toString('hex')}`);
    const statuses: number[] = [];
    for (const m of markers) statuses.push((await reply(id, uniqueLog(m))).statusCode);
    expect(statuses).toEqual(markers.map(() => 201));

    const size = await stored(id);
    expect(size.words).toBeLessThanOrEqual(MAX_WORDS_BYTES);
    expect(size.plain).toBeLessThanOrEqual(MAX_PLAIN_CHARS);
    // Early notes are indexed; the last ones arrived after the word index was full (1.6 MB of
    // request ids), so they are in the timeline but not searchable …
    expect(await search(markers[0]!)).toContain(id);
    expect(await search(markers[4]!)).toContain(id);
    expect(await search(markers[79]!)).not.toContain(id);
    // … while the ticket is always found by what identifies it.
    expect(await search(number)).toEqual([id]);
    expect(await search('变频器反复重启')).toContain(id);
    expect(await search(customerName)).toContain(id);
    expect(await search('电源模块')).toContain(id);
    // 80 long replies, each re-indexing the ticket's text with jieba: minutes of CPU on a loaded
    // 2-core machine in embedded PGlite, so its own budget rather than the file's 30 s.
  }, 120_000);

  it('indexes late notes too while their words fit: replies are merged into the index, not re-read from the capped text', async () => {
    const { id } = await makeTicket(t, { title: '指示灯间歇熄灭' });
    const markers = Array.from({ length: 80 }, (_, i) => `late${i + 1}y${randomBytes(4).toString('hex')}`);
    for (const m of markers) expect((await reply(id, repeatedLog(m))).statusCode).toBe(201);
    // 1.6 million characters of notes: the plain text is capped after the first few …
    expect((await stored(id)).plain).toBeLessThanOrEqual(MAX_PLAIN_CHARS);
    // … but every note's new word reached the word index, the last one included.
    for (const m of [markers[0]!, markers[39]!, markers[79]!]) expect(await search(m)).toContain(id);
    expect(await search('接触不良')).toContain(id);
  });
});

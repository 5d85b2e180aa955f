import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { testDatabaseUrl } from '../../../test/helpers/database';
import { makeTicket } from '../../../test/factories';

let t: TestApp;
let ticketId: string;
beforeAll(async () => {
  t = await createTestApp();
  ticketId = await workedTicket();
});
afterAll(async () => t?.close());

type ChainEvent = { seq: number; type: string; prevHash: string | null; hash: string; body: string | null };

/** A ticket with a handful of changes: created, graded, assigned, status changes, a reply. */
async function workedTicket(): Promise<string> {
  const { id } = await makeTicket(t);
  const ok = async (p: Promise<{ statusCode: number; body: string }>) => {
    const r = await p;
    expect(r.statusCode, r.body).toBeLessThan(300);
  };
  await ok(t.as('agent', { method: 'PATCH', url: `/api/v1/tickets/${id}`, payload: { priority: 'important', priorityReason: '主要功能异常' } }));
  await ok(t.as('agent', { method: 'PATCH', url: `/api/v1/tickets/${id}`, payload: { ownerId: t.users.engineer.id } }));
  await ok(t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/transitions`, payload: { to: 'in_progress' } }));
  await ok(t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/events`, payload: { type: 'public_reply', body: '您好，工程师已在处理' } }));
  await ok(t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/transitions`, payload: { to: 'resolved' } }));
  return id;
}

const chain = async (id: string) => {
  const res = await t.as('manager', { method: 'GET', url: `/api/v1/audit/ticket/${id}` });
  expect(res.statusCode).toBe(200);
  return res.json().items as ChainEvent[];
};
const verify = async () => {
  const res = await t.as('admin', { method: 'POST', url: '/api/v1/audit/verify' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { subjects: number; events: number; firstBreak: null | { subjectType: string; subjectId: string; seq: number; reason: string } };
};
const sql = (text: string, params: unknown[] = []) => t.ctx.database.exec(text, params);

/** Runs `body` with one event of the ticket saved aside, and puts it back afterwards exactly as it was. */
async function withSavedEvent(seq: number, body: () => Promise<void>) {
  await sql(`create table events_saved as select * from events where subject_type = 'ticket' and subject_id = $1 and seq = $2`, [ticketId, seq]);
  try {
    await body();
  } finally {
    await sql(`delete from events where id in (select id from events_saved)`);
    await sql(`insert into events select * from events_saved`);
    await sql(`drop table events_saved`);
  }
}

describe('the hash chain', () => {
  it('adds one chained event per ticket change', async () => {
    const events = await chain(ticketId);
    expect(events.map((e) => e.type)).toEqual(['created', 'graded', 'status_changed', 'assigned', 'status_changed', 'public_reply', 'status_changed']);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(events[0]!.prevHash).toBeNull();
    for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash, `seq ${i + 1}`).toBe(events[i - 1]!.hash);
    expect(new Set(events.map((e) => e.hash)).size).toBe(events.length);
    // Another change appends exactly one more link.
    await t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${ticketId}/events`, payload: { type: 'internal_note', body: '已更换电源模块' } });
    const after = await chain(ticketId);
    expect(after).toHaveLength(8);
    expect(after.slice(0, 7)).toEqual(events);
    expect(after[7]).toMatchObject({ seq: 8, type: 'internal_note', prevHash: events[6]!.hash });
  });

  it('keeps separate chains per ticket', async () => {
    const other = await workedTicket();
    const [a, b] = [await chain(ticketId), await chain(other)];
    expect(b[0]!.prevHash).toBeNull();
    expect(b.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(b.some((e) => a.some((x) => x.hash === e.hash))).toBe(false);
  });

  it('verifies intact chains (admin only)', async () => {
    const report = await verify();
    expect(report.firstBreak).toBeNull();
    const total = await sql('select count(*)::int as n, count(distinct (subject_type, subject_id))::int as s from events');
    expect(report.events).toBe(total.rows[0]!.n);
    expect(report.subjects).toBe(total.rows[0]!.s);
    expect((await t.as('manager', { method: 'POST', url: '/api/v1/audit/verify' })).statusCode).toBe(403);
  });
});

describe('tampering', () => {
  it('reports an edited event as the first break, and nothing once it is restored', async () => {
    await withSavedEvent(3, async () => {
      await sql(`update events set body = 'x' where subject_type = 'ticket' and subject_id = $1 and seq = 3`, [ticketId]);
      expect((await verify()).firstBreak).toEqual({ subjectType: 'ticket', subjectId: ticketId, seq: 3, reason: 'hash_mismatch' });
    });
    expect((await verify()).firstBreak).toBeNull();
  });

  it('notices a changed before/after value, actor or time', async () => {
    const edits = [
      `update events set data = jsonb_set(data, '{after,priority}', '"general"') where subject_type = 'ticket' and subject_id = $1 and seq = 2`,
      `update events set actor_id = null where subject_type = 'ticket' and subject_id = $1 and seq = 2`,
      `update events set at = at - interval '1 day' where subject_type = 'ticket' and subject_id = $1 and seq = 2`,
    ];
    for (const edit of edits) {
      await withSavedEvent(2, async () => {
        await sql(edit, [ticketId]);
        expect((await verify()).firstBreak, edit).toMatchObject({ subjectId: ticketId, seq: 2, reason: 'hash_mismatch' });
      });
    }
    expect((await verify()).firstBreak).toBeNull();
  });

  it('notices a forged hash that no longer links to the next event', async () => {
    await withSavedEvent(4, async () => {
      await sql(`update events set hash = repeat('0', 64) where subject_type = 'ticket' and subject_id = $1 and seq = 4`, [ticketId]);
      expect((await verify()).firstBreak).toMatchObject({ subjectId: ticketId, seq: 4 });
    });
  });

  it('reports a deleted event as a gap', async () => {
    await withSavedEvent(2, async () => {
      await sql(`delete from events where subject_type = 'ticket' and subject_id = $1 and seq = 2`, [ticketId]);
      expect((await verify()).firstBreak).toEqual({ subjectType: 'ticket', subjectId: ticketId, seq: 3, reason: 'seq_gap' });
    });
    expect((await verify()).firstBreak).toBeNull();
  });
});

// PGlite cannot be opened by a second process, so the CLI is exercised against PostgreSQL only.
describe.skipIf(process.env.SHOUHOU_TEST_DB !== 'postgres')('npm run cli -- audit verify', () => {
  const cli = () =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: testDatabaseUrl(t.ctx.database)!, SHOUHOU_DATA_DIR: t.ctx.dataDir, LOG_LEVEL: 'silent' };
      delete env.SHOUHOU_ENCRYPTION_KEY; // the CLI must read the same secret.key as the app under test
      execFile(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['src/cli.ts', 'audit', 'verify'], { env, timeout: 60_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('exits 0 with OK, then 2 with BROKEN naming the subject after tampering', async () => {
    expect(testDatabaseUrl(t.ctx.database)).toMatch(/^postgres/);
    const ok = await cli();
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^OK/m);
    await withSavedEvent(5, async () => {
      await sql(`update events set body = 'x' where subject_type = 'ticket' and subject_id = $1 and seq = 5`, [ticketId]);
      const broken = await cli();
      expect(broken.code, broken.stderr).toBe(2);
      expect(broken.stdout).toMatch(/^BROKEN/m);
      expect(broken.stdout).toContain(ticketId);
      expect(broken.stdout).toContain('#5');
    });
    expect((await cli()).code).toBe(0);
  }, 120_000);
});

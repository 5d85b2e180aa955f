import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { testDatabaseUrl } from '../../../test/helpers/database';
import { runCli } from '../../../test/helpers/cli';
import { makeCustomer, makeTicket } from '../../../test/factories';
import { MIGRATIONS_DIR } from '../../db/migrate';
import { eventHash } from '../../domain/audit/chain';
import { writeCheckpoint } from './audit.checkpoint';
import { appendEvent, appendEvents } from './audit.service';

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
  // Waiting for the customer rather than resolved: a resolution also opens a follow-up task, whose
  // events would join this chain and move the sequence numbers the tests below name.
  await ok(t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/transitions`, payload: { to: 'waiting_customer' } }));
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
  return res.json() as Report;
};
type Problem = { subjectType?: string; subjectId?: string; seq?: number; reason: string; detail?: string };
type Report = { subjects: number; events: number; firstBreak: null | Problem; problems: Problem[]; problemCount: number; checkpoint: { seq: number } | null };
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

const AUDIT_TABLES = ['events', 'chain_heads', 'audit_checkpoints', 'audit_checkpoint_heads'];

/** Runs `body` against tampered audit tables, then puts every row of them back exactly as it was. */
async function withAuditSaved(body: () => Promise<void>) {
  for (const table of AUDIT_TABLES) await sql(`create table saved_${table} as select * from ${table}`);
  try {
    await body();
  } finally {
    for (const table of AUDIT_TABLES) {
      await sql(`delete from ${table}`);
      await sql(`insert into ${table} select * from saved_${table}`);
      await sql(`drop table saved_${table}`);
    }
  }
}
const problemsOf = (r: Report, subjectId: string) => r.problems.filter((p) => p.subjectId === subjectId);
const eventHashAt = async (id: string, seq: number) =>
  (await sql(`select hash from events where subject_type = 'ticket' and subject_id = $1 and seq = $2`, [id, seq])).rows[0]!.hash as string;

describe('what the chain alone could not see', () => {
  let id: string;
  let customerId: string;
  beforeAll(async () => {
    id = await workedTicket();
    customerId = (await sql(`select customer_id from tickets where id = $1`, [id])).rows[0]!.customer_id as string;
    // An intact verify signs a checkpoint of every head.
    const r = await verify();
    expect(r.firstBreak).toBeNull();
    expect(r.checkpoint?.seq).toBeGreaterThan(0);
  });
  afterEach(async () => {
    // Each tamper is undone, and nothing is reported on intact data.
    expect((await verify()).problems).toEqual([]);
  });

  it('reports deleting the newest event: the head, the checkpoint and the ticket row disagree', async () => {
    await withAuditSaved(async () => {
      await sql(`delete from events where subject_type = 'ticket' and subject_id = $1 and seq = 7`, [id]);
      const found = problemsOf(await verify(), id);
      expect(found).toContainEqual(expect.objectContaining({ reason: 'head_mismatch', seq: 6 }));
      expect(found).toContainEqual(expect.objectContaining({ reason: 'lost_since_checkpoint', seq: 7 }));
      // The row says waiting for the customer; what is left of the timeline says in progress.
      expect(found).toContainEqual(expect.objectContaining({ reason: 'row_mismatch', detail: expect.stringContaining('status') }));
    });
  });

  it('reports the newest events deleted even when the head and the ticket row are rewritten to match', async () => {
    await withAuditSaved(async () => {
      await sql(`delete from events where subject_type = 'ticket' and subject_id = $1 and seq >= 6`, [id]);
      await sql(`update chain_heads set seq = 5, hash = $2 where subject_type = 'ticket' and subject_id = $1`, [id, await eventHashAt(id, 5)]);
      await sql(`update tickets set status = 'in_progress' where id = $1`, [id]);
      try {
        const r = await verify();
        expect(problemsOf(r, id)).toEqual([expect.objectContaining({ reason: 'lost_since_checkpoint', seq: 7 })]);
        // The background job will not sign the shortened chain, which would erase the evidence.
        expect(await writeCheckpoint(t.ctx)).toMatchObject({ written: false, reason: 'lost_heads', lost: [{ subjectType: 'ticket', subjectId: id, seq: 7 }] });
        expect(problemsOf(await verify(), id)).toEqual([expect.objectContaining({ reason: 'lost_since_checkpoint' })]);
      } finally {
        await sql(`update tickets set status = 'waiting_customer' where id = $1`, [id]);
      }
    });
  });

  it('reports deleting every event of a chain, with or without its head', async () => {
    await withAuditSaved(async () => {
      await sql(`delete from events where subject_type = 'ticket' and subject_id = $1`, [id]);
      const found = problemsOf(await verify(), id);
      expect(found).toContainEqual(expect.objectContaining({ reason: 'events_missing', seq: 7 }));
      expect(found).toContainEqual(expect.objectContaining({ reason: 'row_without_events' }));
    });
    await withAuditSaved(async () => {
      await sql(`delete from events where subject_type = 'customer' and subject_id = $1`, [customerId]);
      await sql(`delete from chain_heads where subject_type = 'customer' and subject_id = $1`, [customerId]);
      expect(problemsOf(await verify(), customerId)).toEqual([expect.objectContaining({ subjectType: 'customer', reason: 'lost_since_checkpoint' })]);
    });
  });

  it('reports an edited actor name', async () => {
    await withAuditSaved(async () => {
      await sql(`update events set actor_name = '王五' where subject_type = 'ticket' and subject_id = $1 and seq = 4`, [id]);
      expect((await verify()).firstBreak).toEqual({ subjectType: 'ticket', subjectId: id, seq: 4, reason: 'hash_mismatch' });
    });
  });

  it('reports an event flipped back to the old hash version', async () => {
    await withAuditSaved(async () => {
      await sql(`update events set hash_version = 1 where subject_type = 'ticket' and subject_id = $1 and seq = 3`, [id]);
      expect((await verify()).firstBreak).toMatchObject({ subjectId: id, seq: 3 });
    });
  });

  it('reports a ticket row whose status, owner, priority or customer differs from its events', async () => {
    const other = (await makeCustomer(t)).id;
    const edits: [string, string, RegExp][] = [
      [
        `update tickets set status = 'closed' where id = $1`,
        `update tickets set status = 'waiting_customer' where id = $1`,
        /^status: row has "closed", events say "waiting_customer"$/,
      ],
      [
        `update tickets set owner_id = '${t.users.agent.id}' where id = $1`,
        `update tickets set owner_id = '${t.users.engineer.id}' where id = $1`,
        /^ownerId:/,
      ],
      [`update tickets set priority = 'urgent' where id = $1`, `update tickets set priority = 'important' where id = $1`, /^priority:/],
      [`update tickets set customer_id = '${other}' where id = $1`, `update tickets set customer_id = '${customerId}' where id = $1`, /^customerId:/],
    ];
    for (const [edit, undo, detail] of edits) {
      await sql(edit, [id]);
      try {
        expect(problemsOf(await verify(), id), edit).toEqual([
          { subjectType: 'ticket', subjectId: id, seq: 7, reason: 'row_mismatch', detail: expect.stringMatching(detail) },
        ]);
      } finally {
        await sql(undo, [id]);
      }
    }
  });

  it('reports an edited checkpoint or an edited list of its heads', async () => {
    await withAuditSaved(async () => {
      await sql(`update audit_checkpoints set subjects = subjects - 1 where seq = (select max(seq) from audit_checkpoints)`);
      expect((await verify()).problems).toContainEqual(expect.objectContaining({ reason: 'checkpoint_invalid', detail: expect.stringContaining('signature') }));
    });
    await withAuditSaved(async () => {
      // Hiding a chain from the checkpoint, so that deleting it goes unnoticed, breaks the digest.
      await sql(`delete from audit_checkpoint_heads where subject_id = $1`, [id]);
      await sql(`delete from events where subject_type = 'ticket' and subject_id = $1 and seq = 7`, [id]);
      await sql(`update chain_heads set seq = 6, hash = $2 where subject_type = 'ticket' and subject_id = $1`, [id, await eventHashAt(id, 6)]);
      expect((await verify()).problems).toContainEqual(
        expect.objectContaining({ reason: 'checkpoint_invalid', detail: expect.stringContaining('heads was edited') }),
      );
    });
    await withAuditSaved(async () => {
      // Deleting the latest checkpoint leaves an older one whose list of heads is no longer kept.
      await t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/events`, payload: { type: 'internal_note', body: '复核' } });
      const before = (await verify()).checkpoint!.seq;
      await sql(`delete from audit_checkpoint_heads where checkpoint_seq = $1`, [before]);
      await sql(`delete from audit_checkpoints where seq = $1`, [before]);
      expect((await verify()).problems).toContainEqual(expect.objectContaining({ reason: 'checkpoint_invalid' }));
    });
  });

  it('serialises concurrent writers of one chain, its very first event and a batch included', async () => {
    const subjectId = randomUUID();
    const one = (i: number) =>
      t.ctx.db.transaction((tx) => appendEvent(tx, t.ctx, { subjectType: 'customer', subjectId, type: 'note', actor: null, data: { i } }));
    const batch = () =>
      t.ctx.db.transaction((tx) =>
        appendEvents(tx, t.ctx, [
          { subjectType: 'customer', subjectId, type: 'note', actor: null },
          { subjectType: 'customer', subjectId: randomUUID(), type: 'note', actor: null },
        ]),
      );
    await Promise.all([...Array.from({ length: 8 }, (_, i) => one(i)), batch(), batch()]);
    const rows = await sql(`select seq from events where subject_type = 'customer' and subject_id = $1 order by seq`, [subjectId]);
    expect(rows.rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await sql(`select seq from chain_heads where subject_type = 'customer' and subject_id = $1`, [subjectId])).rows).toEqual([{ seq: 10 }]);
  });

  it('keeps chains written before hash version 2 verifiable, and continues them with version 2', async () => {
    const subjectId = randomUUID();
    // Two events as the first release wrote them: v1 hashes, no head row (the migration derives it).
    let prev: string | null = null;
    for (const seq of [1, 2]) {
      const content = {
        subjectType: 'customer',
        subjectId,
        seq,
        type: 'customer_updated',
        actorId: null,
        actorName: 'system',
        at: `2026-11-0${seq}T00:00:00.000Z`,
        visibility: 'internal',
        body: null,
        data: { seq },
        hashVersion: 1,
      };
      const hash = eventHash(prev, content, t.ctx.keys.auditMac);
      await sql(
        `insert into events (subject_type, subject_id, seq, type, actor_id, actor_name, at, visibility, body, data, prev_hash, hash, hash_version) values ('customer', $1, $2, 'customer_updated', null, 'system', $3, 'internal', null, $4, $5, $6, 1)`,
        [subjectId, seq, content.at, JSON.stringify(content.data), prev, hash],
      );
      prev = hash;
    }
    const migration = readFileSync(join(MIGRATIONS_DIR, '20261130051501_audit_chain_heads.sql'), 'utf8');
    const backfill = migration.slice(migration.indexOf('INSERT INTO "chain_heads"'));
    await sql(`${backfill.replace('FROM "events"', `FROM "events" WHERE subject_id = '${subjectId}'`)}`);
    await t.ctx.db.transaction((tx) => appendEvent(tx, t.ctx, { subjectType: 'customer', subjectId, type: 'customer_updated', actor: null, data: { seq: 3 } }));
    expect((await sql(`select seq, hash_version from events where subject_id = $1 order by seq`, [subjectId])).rows).toEqual([
      { seq: 1, hash_version: 1 },
      { seq: 2, hash_version: 1 },
      { seq: 3, hash_version: 2 },
    ]);
    expect(problemsOf(await verify(), subjectId)).toEqual([]);
  });

  it('signs a new checkpoint only when something changed, each linked to the one before', async () => {
    const first = (await verify()).checkpoint!;
    expect((await verify()).checkpoint!.seq).toBe(first.seq);
    await t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/events`, payload: { type: 'internal_note', body: '再次复核' } });
    const next = (await verify()).checkpoint!;
    expect(next.seq).toBe(first.seq + 1);
    const rows = await sql(`select seq, prev_mac, mac from audit_checkpoints where seq in ($1, $2) order by seq`, [first.seq, next.seq]);
    expect(rows.rows[1]!.prev_mac).toBe(rows.rows[0]!.mac);
    // The chain's head moved with the event.
    const head = await sql(`select seq from chain_heads where subject_type = 'ticket' and subject_id = $1`, [id]);
    expect(head.rows[0]!.seq).toBe((await chain(id)).length);
  });
});

describe('npm run cli -- audit verify without the key', () => {
  it('refuses with a clear message instead of inventing a key, and creates nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shouhou-nokey-'));
    try {
      const url = testDatabaseUrl(t.ctx.database);
      const r = await runCli(['audit', 'verify'], { SHOUHOU_DATA_DIR: dir, SHOUHOU_ENCRYPTION_KEY: null, DATABASE_URL: url });
      expect(r.code, r.stdout).toBe(1);
      expect(r.stderr).toContain('SHOUHOU_ENCRYPTION_KEY');
      expect(r.stderr).toContain(join(dir, 'secret.key'));
      expect(r.stdout).not.toMatch(/BROKEN|OK/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

// PGlite cannot be opened by a second process, so the CLI is exercised against PostgreSQL only.
describe.skipIf(process.env.SHOUHOU_TEST_DB !== 'postgres')('npm run cli -- audit verify', () => {
  // The CLI must read the same secret.key as the app under test.
  const cli = () =>
    runCli(['audit', 'verify'], { DATABASE_URL: testDatabaseUrl(t.ctx.database)!, SHOUHOU_DATA_DIR: t.ctx.dataDir, SHOUHOU_ENCRYPTION_KEY: null });

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

import type { Database } from '../../db/client';

// Rows go in as one JSON parameter per table and batch (json_populate_recordset): a handful of
// statements per batch, no parameter limit, the same SQL on PostgreSQL and PGlite. Each batch is one
// transaction, so an interrupted run leaves whole tickets (row, events, head, clocks) or none, and
// `audit verify` still holds. Indexes stay as the schema has them: the bench measures the real thing.

export type Row = Record<string, unknown>;

/** Tables in insert order (a contact needs its customer; nothing else has a foreign key here). */
export const TABLES = [
  'users',
  'customers',
  'contacts',
  'serial_units',
  'tickets',
  'followup_tasks',
  'sla_clocks',
  'timeout_explanations',
  'events',
  'chain_heads',
  'report_ticket_facts',
] as const;
export type Table = (typeof TABLES)[number];

/** A Drizzle row (camelCase keys, Dates) as the columns json_populate_recordset reads (snake_case, ISO text). */
export function snakeRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = v instanceof Date ? v.toISOString() : v;
  return out;
}

export class BatchWriter {
  private rows = new Map<Table, Row[]>();
  private inFlight: Promise<void>[] = [];
  private pendingCount = 0;
  /**
   * Batches written at once: on PostgreSQL two (each on its own connection, so the server can use
   * both cores while Node generates the next batch); PGlite has one connection.
   */
  constructor(
    private readonly database: Database,
    private readonly parallel = database.kind === 'pglite' ? 1 : 2,
  ) {}

  add(table: Table, row: Row): void {
    let list = this.rows.get(table);
    if (!list) this.rows.set(table, (list = []));
    list.push(row);
    this.pendingCount++;
  }

  get pending(): number {
    return this.pendingCount;
  }

  /** Starts writing what is buffered; waits only while `parallel` batches are already being written. */
  async flush(): Promise<void> {
    const batch = this.rows;
    this.rows = new Map();
    this.pendingCount = 0;
    while (this.inFlight.length >= this.parallel) await this.inFlight.shift();
    const p = write(this.database, batch);
    // An error surfaces when this batch is awaited (a later flush or drain()), not as unhandled.
    p.catch(() => undefined);
    this.inFlight.push(p);
  }

  /** Writes what is left and waits for every batch. */
  async drain(): Promise<void> {
    await this.flush();
    while (this.inFlight.length) await this.inFlight.shift();
  }
}

async function write(database: Database, batch: Map<Table, Row[]>): Promise<void> {
  const statements: [string, string][] = [];
  for (const table of TABLES) {
    const rows = batch.get(table);
    if (!rows?.length) continue;
    const cols = Object.keys(rows[0]!).join(', ');
    statements.push([`insert into ${table} (${cols}) select ${cols} from json_populate_recordset(null::${table}, $1)`, JSON.stringify(rows)]);
  }
  if (!statements.length) return;
  if (database.kind === 'pglite') {
    await database.pglite!.transaction(async (tx) => {
      for (const [text, json] of statements) await tx.query(text, [json]);
    });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('begin');
    // Bulk history, not a customer's request: a crash loses at most the batches not yet committed,
    // which a rerun regenerates anyway.
    await client.query('set local synchronous_commit = off');
    for (const [text, json] of statements) await client.query(text, [json]);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

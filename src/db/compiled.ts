import { createHash } from 'node:crypto';
import { getTableColumns, getTableName, type Column, type SQL, type SQLWrapper } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';

/**
 * 预编译语句 A statement already in PostgreSQL's text: the pieces of text between its parameters, and
 * the parameters. Ticket creation, the hottest write, is built this way: drizzle's SQL builder spent
 * ~0.2 ms of the server's single thread on the ticket's INSERT alone (walking its SQL tree and mapping
 * columns on every request), and the server's thread is what caps creations a second (issue 10).
 */
export interface Compiled {
  /** text[0] $1 text[1] $2 … text[n]: always one more piece than parameters. */
  readonly text: readonly string[];
  readonly params: readonly unknown[];
}

interface InsertShape {
  head: string;
  columns: Column[];
  keys: string[];
}
const shapes = new WeakMap<PgTable, Map<string, InsertShape>>();

function shapeOf(table: PgTable, keys: string[]): InsertShape {
  const byKeys = shapes.get(table) ?? new Map<string, InsertShape>();
  shapes.set(table, byKeys);
  const id = keys.join(',');
  let shape = byKeys.get(id);
  if (!shape) {
    const all = getTableColumns(table) as Record<string, Column>;
    const unknown = keys.filter((k) => !all[k]);
    if (unknown.length) throw new Error(`insertRows: ${getTableName(table)} has no column ${unknown.join(', ')}`);
    // The database's snake_case casing (src/db/client.ts), as drizzle would name them.
    shape = {
      head: `insert into "${getTableName(table)}" (${keys.map((k) => `"${all[k]!.keyAsName ? toSnakeCase(k) : all[k]!.name}"`).join(', ')}) values `,
      columns: keys.map((k) => all[k]!),
      keys,
    };
    byKeys.set(id, shape);
  }
  return shape;
}

/**
 * INSERT of whole rows, as drizzle's `insert(table).values(rows)` would write them (each value through
 * its column's driver mapping, a missing value the column's default): every row must name the same
 * columns. Its text depends only on the table, the columns and the number of rows, so PostgreSQL can
 * keep it prepared (runCompiled).
 */
export function insertRows<T extends PgTable>(table: T, rows: readonly T['$inferInsert'][]): Compiled {
  if (!rows.length) throw new Error('insertRows: no rows');
  const named = new Set<string>();
  for (const row of rows) for (const [k, v] of Object.entries(row)) if (v !== undefined) named.add(k);
  const shape = shapeOf(table, [...named]);
  const text: string[] = [];
  const params: unknown[] = [];
  let open = shape.head;
  for (const [r, row] of rows.entries()) {
    open += r ? ', (' : '(';
    for (const [i, key] of shape.keys.entries()) {
      const value = (row as Record<string, unknown>)[key];
      if (i) open += ', ';
      // A value one row leaves out takes the column's default, as in drizzle.
      if (value === undefined) {
        open += 'default';
        continue;
      }
      text.push(open);
      params.push(value === null ? null : shape.columns[i]!.mapToDriverValue(value));
      open = '';
    }
    open += ')';
  }
  text.push(open);
  return { text, params };
}

type Dialect = { sqlToQuery(sql: SQL): { sql: string; params: unknown[] } };
type Session = {
  prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string | undefined, arrayMode: boolean): { execute(): Promise<unknown> };
};

const isCompiled = (v: unknown): v is Compiled =>
  typeof v === 'object' && v !== null && Array.isArray((v as Compiled).text) && Array.isArray((v as Compiled).params);

/** Any drizzle statement (a builder or an sql`` text) as a Compiled: through drizzle's own dialect. */
export function compile(db: DbOrTx, statement: SQLWrapper | Compiled): Compiled {
  if (isCompiled(statement)) return statement;
  const q = (db as unknown as { dialect: Dialect }).dialect.sqlToQuery((statement as SQLWrapper).getSQL());
  const text: string[] = [];
  const params: unknown[] = [];
  let last = 0;
  // drizzle numbers each parameter once, in order ($1, $2 …); none appear inside a literal of ours.
  for (const m of q.sql.matchAll(/\$(\d+)/g)) {
    text.push(q.sql.slice(last, m.index));
    params.push(q.params[Number(m[1]) - 1]);
    last = m.index + m[0].length;
  }
  text.push(q.sql.slice(last));
  return { text, params };
}

/**
 * A statement written out in PostgreSQL's text, each value a parameter and each Compiled spliced in
 * where it stands: sql`` without the tree drizzle walks on every request, for the hot paths (a new
 * ticket's reads and writes, the event chain). Columns are named as the database names them.
 */
export function statement(strings: TemplateStringsArray, ...values: unknown[]): Compiled {
  const text: string[] = [strings[0]!];
  const params: unknown[] = [];
  values.forEach((v, i) => {
    if (isCompiled(v)) {
      text[text.length - 1] += v.text[0]!;
      for (let j = 0; j < v.params.length; j++) {
        params.push(v.params[j]);
        text.push(v.text[j + 1]!);
      }
    } else {
      params.push(v);
      text.push('');
    }
    text[text.length - 1] += strings[i + 1]!;
  });
  return { text, params };
}

/** Pieces joined: `sep` between them, `head` and `tail` around, parameters renumbered. */
export function joinCompiled(parts: readonly Compiled[], wrap: (i: number) => [string, string], head = '', tail = ''): Compiled {
  const text: string[] = [head];
  const params: unknown[] = [];
  for (const [i, p] of parts.entries()) {
    const [before, after] = wrap(i);
    text[text.length - 1] += before + p.text[0]!;
    for (let j = 0; j < p.params.length; j++) {
      params.push(p.params[j]);
      text.push(p.text[j + 1]!);
    }
    text[text.length - 1] += after;
  }
  text[text.length - 1] += tail;
  return { text, params };
}

const names = new Map<string, string>();

function prepared(db: DbOrTx, c: Compiled) {
  let sql = '';
  for (let i = 0; i < c.text.length; i++) sql += i ? `$${i}${c.text[i]}` : c.text[0];
  let name = names.get(sql);
  if (!name) {
    name = `s${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    if (names.size < 2000) names.set(sql, name);
  }
  // drizzle's own path for db.execute, minus building the text (its session API, pinned by package-lock).
  const session = (db as unknown as { session: Session }).session;
  return session.prepareQuery({ sql, params: [...c.params] }, undefined, name, false);
}

/**
 * Runs a Compiled as a named prepared statement: PostgreSQL parses and plans each text once per
 * connection (what pgbench's prepared mode does), the server only sends its parameters. Texts are few
 * (a shape per table, column set and row count), so the names a connection keeps stay few.
 */
export async function runCompiled(db: DbOrTx, c: Compiled): Promise<void> {
  await prepared(db, c).execute();
}

/** A Compiled that returns rows, run as runCompiled does: the rows as the driver gives them (like db.execute). */
export async function queryCompiled<R>(db: DbOrTx, c: Compiled): Promise<R[]> {
  return ((await prepared(db, c).execute()) as { rows: R[] }).rows;
}

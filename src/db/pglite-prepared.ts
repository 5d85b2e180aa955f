import { parse, PGlite, protocol, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';

// 预编译语句 on embedded PGlite. Its query() sends a statement unnamed, in six calls into the database
// (parse, describe, bind, describe, execute, sync), the describe only to learn the parameters' types
// for serialising them, and PostgreSQL plans it anew every time: for the ticket's one write statement
// (five data-modifying CTEs) planning was most of its cost. preparedQueries() makes the client's
// query() parse a statement once under a name and then send bind + describe + execute + sync in one
// call, with parameters already in PostgreSQL's text form (strings, numbers, booleans, dates — the
// values drizzle hands over after its column mappings); anything else takes PGlite's own path.

/** Named statements kept per database; beyond them a statement is sent unnamed (still one call). */
const MAX_NAMED = 500;

/** A parameter in PostgreSQL's text format as PGlite would serialise it, or undefined for PGlite's own path. */
function asText(v: unknown): string | null | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  return undefined;
}

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Clients already wrapped: a second wrapper would reuse the first one's statement names. */
const wrapped = new WeakSet<PGlite>();

export function preparedQueries(client: PGlite): void {
  if (wrapped.has(client)) return;
  wrapped.add(client);
  const original = client.query.bind(client);
  const names = new Map<string, string>();
  const parsed = new Set<string>();
  const s = protocol.serialize;
  // parseResults merges the client's parsers (some 300 types) with the query's by spreading both into a
  // new object, 80 µs a query; drizzle passes its own nine on every query. An object with the query's
  // parsers over the client's as its prototype reads the same and costs nothing to make.
  const parsersFor = (own: QueryOptions['parsers']): typeof client.parsers =>
    own ? Object.assign(Object.create(client.parsers) as typeof client.parsers, own) : client.parsers;

  const run = async <T>(sql: string, values: (string | null)[], options: QueryOptions | undefined, inTransaction: boolean): Promise<Results<T>> => {
    let name = names.get(sql);
    if (name === undefined) {
      name = names.size < MAX_NAMED ? `p${names.size}` : '';
      if (name) names.set(sql, name);
    }
    const messages = [
      ...(name && parsed.has(name) ? [] : [s.parse({ name, text: sql, types: [] })]),
      s.bind({ statement: name, values }),
      s.describe({ type: 'P' }),
      s.execute({}),
      s.sync(),
    ];
    try {
      const replies = await client.execProtocolStream(concat(messages), { syncToFs: false });
      if (name) parsed.add(name);
      // As PGlite does: the files are brought up to date when a statement ends outside a transaction.
      if (!inTransaction) await client.syncToFs();
      return parse.parseResults(replies, parsersFor(options?.parsers), options && { ...options, parsers: undefined })[0] as Results<T>;
    } catch (err) {
      // Parsed or not, the name is dropped (closing an unknown statement is no error) so the next
      // call parses it again: after a failed bind, or a plan a schema change made stale.
      if (name) {
        parsed.delete(name);
        // A failure to close must not hide the statement's own error.
        await client.execProtocolStream(concat([s.close({ type: 'S', name }), s.sync()]), { syncToFs: false }).catch(() => undefined);
      }
      throw Object.assign(err as object, { query: sql });
    }
  };

  /** The parameters as text, or undefined when one needs PGlite's own path (typed, blobs, arrays, objects). */
  const asTexts = (params: unknown[] | undefined, options: QueryOptions | undefined) => {
    if (options?.blob || options?.paramTypes) return undefined;
    const values: (string | null)[] = [];
    for (const p of params ?? []) {
      const text = asText(p);
      if (text === undefined) return undefined;
      values.push(text);
    }
    return values;
  };

  client.query = async function query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    const values = asTexts(params, options);
    if (!values) return original<T>(sql, params, options);
    // As query() does: after any open transaction, alone on the connection.
    return client._runExclusiveTransaction(() => client._runExclusiveQuery(() => run<T>(sql, values, options, false)));
  };

  // A transaction's statements (drizzle's db.transaction hands them to the Transaction's query()) take
  // the same path: PGlite's own sends each in four calls and plans it anew, and every writer but ticket
  // creation runs in a transaction. Protocol-level named statements outlive a rollback, so `parsed`
  // stays true across one.
  const originalTransaction = client.transaction.bind(client);
  client.transaction = function transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    return originalTransaction((tx) => {
      const txQuery = tx.query.bind(tx);
      tx.query = async function query<R>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<R>> {
        const values = asTexts(params, options);
        if (!values || tx.closed) return txQuery<R>(sql, params, options);
        return client._runExclusiveQuery(() => run<R>(sql, values, options, true));
      };
      return callback(tx);
    });
  };
}

import type { SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { compile, joinCompiled, runCompiled, type Compiled } from './compiled';

/**
 * 合并写入 Writes a use case gathers and sends as ONE statement (data-modifying CTEs). Creating a ticket
 * writes five tables owned by four modules; each module adds its own INSERT (built with its own
 * table, so module boundaries hold) and the use case sends them together: one round trip instead of
 * five, which is most of what the hottest write path costs (issue 10).
 *
 * Only for rows that none of the other parts reads or changes: the parts of one statement run on
 * the same snapshot and do not see each other's rows. Constraints are still checked (at the end of
 * the statement), and the statement is atomic like any other.
 */
export class StatementBatch {
  private readonly parts: (SQLWrapper | Compiled)[] = [];

  /** A statement without RETURNING: a query builder (insert, update), an sql`` text or insertRows(). */
  add(statement: SQLWrapper | Compiled): void {
    this.parts.push(statement);
  }

  get size(): number {
    return this.parts.length;
  }

  /** Sends the batch as one prepared statement (its text repeats from one creation to the next). */
  async flush(tx: DbOrTx): Promise<void> {
    const parts = this.parts.splice(0).map((p) => compile(tx, p));
    if (parts.length === 0) return;
    if (parts.length === 1) return runCompiled(tx, parts[0]!);
    await runCompiled(
      tx,
      joinCompiled(parts, (i) => [`${i ? ', ' : ''}w${i} as (`, ')'], 'with ', ' select 1'),
    );
  }
}

import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from './client';

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
  private readonly parts: SQL[] = [];

  /** A statement without RETURNING: a query builder (insert, update) or an sql`` text. */
  add(statement: SQLWrapper): void {
    this.parts.push(statement.getSQL());
  }

  get size(): number {
    return this.parts.length;
  }

  async flush(tx: DbOrTx): Promise<void> {
    const parts = this.parts.splice(0);
    if (parts.length === 0) return;
    if (parts.length === 1) {
      await tx.execute(parts[0]!);
      return;
    }
    const ctes = parts.map((p, i) => sql`${sql.raw(`w${i}`)} as (${p})`);
    await tx.execute(sql`with ${sql.join(ctes, sql`, `)} select 1`);
  }
}

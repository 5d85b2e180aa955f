import { sql, type Column, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * 工单范围 A set of tickets handed from one module to another as a subquery of ticket ids
 * (`select ticket_id from …`), so a module can count only the rows of those tickets without reading
 * the other's tables and without the ids ever being loaded into Node: at a million tickets the set
 * is large, and the database joins it to the rows counted (a semi-join) in one statement.
 * The reports module makes one from the dashboard's filters; the returns, refunds and parts figures
 * apply it to their own link to a ticket. Rows without a ticket are never in a scope.
 */
export interface TicketScope {
  /** `(select <ticket id> from … where …)`, parenthesised. */
  readonly ticketIds: SQL;
}

/** A scope from a query that selects one column of ticket ids. */
export function ticketScope(query: SQLWrapper): TicketScope {
  return { ticketIds: sql`(${query.getSQL()})` };
}

/** `column in (the scope)`, or nothing when there is no scope (every row counts). */
export function inTicketScope(column: Column | SQL, scope: TicketScope | undefined): SQL | undefined {
  return scope ? sql`${column} in ${scope.ticketIds}` : undefined;
}

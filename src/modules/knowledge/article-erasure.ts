import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ERASED_TEXT } from '../audit/personal-data';
import { articleWords } from './knowledge.service';
import { kbArticles } from './knowledge.tables';

/**
 * Erasure (PIPL Art 47) in knowledge articles (信息库文章) written from the person's tickets. An
 * article is the staff's generalised account of a fault and its fix — knowledge, not the person's
 * data — so it stays, published or not; only copies of what identifies the person (their name,
 * phone, e-mail, address, taken from the customers module before it erased them) are replaced in
 * title, problem, cause and solution, and the search words rebuilt. Returns the articles changed.
 * Articles are no subject of the lock order: no writer holds one while waiting for a ticket.
 */
export async function scrubArticlesOfTickets(tx: DbOrTx, ticketIds: readonly string[], identifiers: readonly string[]): Promise<number> {
  if (!ticketIds.length || !identifiers.length) return 0;
  const rows = await tx
    .select()
    .from(kbArticles)
    .where(inArray(kbArticles.sourceTicketId, [...ticketIds]))
    .orderBy(kbArticles.id);
  const scrub = (text: string) => identifiers.reduce((acc, id) => acc.replaceAll(id, ERASED_TEXT), text);
  let changed = 0;
  for (const a of rows) {
    const next = { title: scrub(a.title), problem: scrub(a.problem), cause: scrub(a.cause), solution: scrub(a.solution) };
    if (next.title === a.title && next.problem === a.problem && next.cause === a.cause && next.solution === a.solution) continue;
    await tx
      .update(kbArticles)
      .set({ ...next, searchWords: articleWords(next) })
      .where(eq(kbArticles.id, a.id));
    changed++;
  }
  return changed;
}

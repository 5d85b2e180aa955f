import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { portalCodes, portalSessions, portalTickets } from './portal.tables';

/** What erasure ended in the portal: live sessions, and the ways back in (links, access codes, pending codes). */
export interface EndedPortalAccess {
  sessions: number;
  /** 查询码 and 专属链接 of the person's portal tickets revoked, plus one-time codes deleted. */
  logins: number;
}

/**
 * 注销门户访问 Erasure (PIPL Art 47): ends every portal session of these tickets and revokes their
 * access codes and private links, so nobody holding an old cookie, code or link still sees the
 * ticket; the one-time codes sent to the person's phones (the portal tickets' blind indexes) or e-mails,
 * pending or spent, are deleted with their blind index. The portal_tickets row stays (the ticket was opened through the portal — a
 * channel figure) without the phone's blind index. In the caller's transaction, which holds the
 * tickets' locks (step 1); these rows are the tickets' own (step 2), never locked by a portal reader.
 */
export async function endPortalAccess(tx: DbOrTx, p: { ticketIds: readonly string[]; emailIndexes: readonly string[] }): Promise<EndedPortalAccess> {
  const ticketIds = [...p.ticketIds];
  if (!ticketIds.length && !p.emailIndexes.length) return { sessions: 0, logins: 0 };
  const sessions = ticketIds.length
    ? await tx.delete(portalSessions).where(inArray(portalSessions.ticketId, ticketIds)).returning({ t: portalSessions.tokenHash })
    : [];
  const opened = ticketIds.length
    ? await tx
        .select({ ticketId: portalTickets.ticketId, phoneIndex: portalTickets.phoneIndex })
        .from(portalTickets)
        .where(inArray(portalTickets.ticketId, ticketIds))
    : [];
  for (const row of opened)
    // Not a hash of anything: no code or link can match it again (link_hash is unique, hence the id).
    await tx
      .update(portalTickets)
      .set({ accessCodeHash: 'revoked', linkHash: `revoked:${row.ticketId}`, phoneIndex: '' })
      .where(eq(portalTickets.ticketId, row.ticketId));
  const indexes = [...new Set([...opened.map((r) => r.phoneIndex).filter(Boolean), ...p.emailIndexes])];
  const codes = indexes.length ? await tx.delete(portalCodes).where(inArray(portalCodes.phoneIndex, indexes)).returning({ id: portalCodes.id }) : [];
  return { sessions: sessions.length, logins: opened.filter((r) => r.phoneIndex !== '').length + codes.length };
}

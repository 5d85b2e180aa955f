import { ticketReplayer } from '../tickets/ticket-replay';
import type { Replayers } from './replay';

// The subject types `audit verify` replays against their rows. A plain map until the composition
// root builds it; a subject type not listed here is still checked for chain and head integrity.
export const subjectReplayers: Replayers = { ticket: ticketReplayer };

/** What the server pushes to open screens when a ticket changes (Server-Sent Events, /api/v1/live). */
export interface LiveEvent {
  kind: 'ticket.created' | 'ticket.updated';
  ticketId: string;
  number: string;
  status: string;
  ownerId: string | null;
  eventType?: string;
}

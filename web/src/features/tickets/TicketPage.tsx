import { Alert, Card, Col, Row, Spin } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useParams } from 'react-router';
import { useUsers } from '@/features/admin/api';
import { useMe, type User } from '@/features/auth/api';
import { errorText } from '@/lib/http';
import { ADMIN, can, PII_REVEALERS, SERVICE_DESK } from '@/lib/roles';
import { usePatchTicket, useReveal, useTicket, useTicketAttachments, useTicketEvents, useTransition, useUpload } from './api';
import { TimeoutExplanations } from './TimeoutExplanations';
import { WarrantyCard } from '@/features/warranty/WarrantyDecision';
import { RepairPanel } from '@/features/repairs/RepairPanel';
import { TicketFollowups } from '@/features/followups/TicketFollowups';
import { RmaPanel } from '@/features/returns/RmaPanel';
import { AssignCard } from './AssignCard';
import { AttachmentsCard } from './AttachmentsCard';
import { Composer } from './Composer';
import { DetailsCard } from './DetailsCard';
import { GradeCard, type Grading } from './GradeCard';
import { MoveButtons } from './MoveButtons';
import { TicketSummary } from './TicketSummary';
import { TicketTimeline } from './TicketTimeline';

const KbSuggestions = lazy(() => import('@/features/knowledge/SuggestionsPanel'));

export default function TicketPage() {
  const { id = '' } = useParams();
  const me = useMe().data as User;
  const desk = can(me.role, SERVICE_DESK);
  const admin = can(me.role, ADMIN);
  // Fetched here, not in the panels that show them, so all start with the ticket instead of after it.
  const ticket = useTicket(id);
  const events = useTicketEvents(id);
  const attachments = useTicketAttachments(id);
  const users = useUsers(desk);
  // The panels unmount while the ticket shows a spinner or an error; held here, a pending change still
  // reports back and an open grade or a close refusal is still there when they return.
  const patch = usePatchTicket();
  const transition = useTransition();
  const reveal = useReveal();
  const upload = useUpload();
  const [grading, setGrading] = useState<Grading | null>(null);
  const [closeRefused, setCloseRefused] = useState<string | null>(null);

  if (ticket.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (ticket.error || !ticket.data) return <Alert type="error" title={errorText(ticket.error)} />;
  const tk = ticket.data;

  const breached = tk.sla ? tk.sla.breached : tk.clocks?.some((c) => c.status === 'breached');
  return (
    <div data-testid="ticket-page" data-number={tk.number}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <TicketSummary ticket={tk} admin={admin} breached={breached} mayReveal={can(me.role, PII_REVEALERS)} reveal={reveal} />
        <MoveButtons ticket={tk} desk={desk} transition={transition} closeRefused={closeRefused} onCloseRefused={setCloseRefused} />
      </Card>
      {breached && tk.sla ? <TimeoutExplanations ticketId={tk.id} sla={tk.sla} /> : null}
      <RepairPanel ticket={tk} />
      <RmaPanel ticket={tk} />

      <Row gutter={16}>
        <Col xs={24} lg={16}>
          {can(me.role, [...SERVICE_DESK, 'finance', 'logistics', 'quality']) ? <Composer ticket={tk} speaksToCustomer={desk} /> : null}
          <TicketTimeline ticketId={tk.id} desk={desk} events={events.data?.items} />
        </Col>
        <Col xs={24} lg={8}>
          {desk ? <GradeCard ticket={tk} patch={patch} grading={grading} onGrading={setGrading} /> : null}
          {desk ? <AssignCard ticket={tk} me={me} users={users} patch={patch} /> : null}
          <TicketFollowups ticket={tk} />
          <WarrantyCard decision={tk.warranty} ticketId={tk.id} canRecord={can(me.role, SERVICE_DESK)} />
          <AttachmentsCard ticketId={tk.id} attachments={attachments.data?.items} desk={desk} upload={upload} />
          <DetailsCard ticket={tk} />
          <Suspense fallback={null}>
            <KbSuggestions description={`${tk.title}\n${tk.description}`} ticketId={tk.id} resolved={Boolean(tk.resolvedAt)} />
          </Suspense>
        </Col>
      </Row>
    </div>
  );
}

import type { Dayjs } from 'dayjs';
import type { Channel, Priority, RequestType } from '@domain/ticket/ticket.schemas';
import type { ProvinceCode } from '@domain/customer/provinces';

/** The intake form's fields (NewTicketPage). */
export interface NewTicketValues {
  customerId?: string;
  customerName?: string;
  customerKind: 'company' | 'person';
  contactName?: string;
  phone?: string;
  email?: string;
  address?: string;
  province?: ProvinceCode | null;
  serialNumber?: string;
  requestType: RequestType;
  channel: Channel;
  title?: string;
  description: string;
  occurredAt?: Dayjs;
  environment?: string;
  triedSteps?: string;
  customerUrgency?: Priority;
  priority?: Priority;
  priorityReason?: string;
}

const blank = (s?: string | null) => (s && s.trim() ? s.trim() : undefined);

/** The create-ticket request the form's values make. */
export function ticketCreateBody(
  v: NewTicketValues,
  {
    customerMode,
    confirmNew,
    serialUnitId,
    suggested,
  }: {
    customerMode: 'existing' | 'new';
    /** The person chose to create the customer though its phone or e-mail is known. */
    confirmNew: boolean;
    serialUnitId?: string;
    /** The triage suggestion, its reason in the reader's language. */
    suggested?: { priority: Priority; reason: string };
  },
) {
  return {
    channel: v.channel,
    requestType: v.requestType,
    title: blank(v.title),
    description: v.description,
    ...(customerMode === 'existing'
      ? { customerId: v.customerId }
      : {
          customer: {
            name: v.customerName?.trim() ?? '',
            kind: v.customerKind,
            contactName: blank(v.contactName),
            phone: blank(v.phone),
            email: blank(v.email),
            address: blank(v.address),
            province: v.province ?? undefined,
            ...(confirmNew ? { confirmNew: true } : {}),
          },
        }),
    serialUnitId,
    occurredAt: v.occurredAt ? v.occurredAt.format() : undefined,
    environment: blank(v.environment),
    triedSteps: blank(v.triedSteps),
    customerUrgency: v.customerUrgency,
    priority: v.priority,
    priorityReason: v.priority ? (blank(v.priorityReason) ?? (suggested && suggested.priority === v.priority ? suggested.reason : undefined)) : undefined,
  };
}

/** The form field a schema issue's path points at (the new customer's fields sit under `customer`). */
export function fieldOfSchemaIssue(path: readonly PropertyKey[]): keyof NewTicketValues {
  return (path[0] === 'customer' ? (path[1] === 'name' ? 'customerName' : path[1]) : path[0]) as keyof NewTicketValues;
}

/** The form field a server issue's path (`body.customer.phone`) points at. */
export function fieldOfApiIssue(path: string): keyof NewTicketValues {
  return path
    .replace(/^body\./, '')
    .split('.')
    .pop() as keyof NewTicketValues;
}

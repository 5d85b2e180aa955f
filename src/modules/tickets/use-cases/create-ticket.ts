import { createHash, randomUUID } from 'node:crypto';
import { txContext, type Actor } from '../../../context';
import type { DbOrTx, Tx } from '../../../db/client';
import { provinceOfFullAddress } from '../../../domain/customer/region';
import { AppError, invalidField } from '../../../domain/shared/errors';
import { localDate } from '../../../domain/shared/local-date';
import type { TicketCreateInput } from '../../../domain/ticket/ticket.schemas';
import { enqueueWith } from '../../../jobs/outbox';
import { StatementBatch } from '../../../db/statement-batch';
import { insertRows, joinCompiled, statement } from '../../../db/compiled';
import { appendNewChain, type NewEvent } from '../../audit/audit.service';
import { liveKeySql, personalSealer, sealerFromLiveKey, type Sealer } from '../../audit/personal-data';
import { guardAssignment } from '../assignment-guard';
import { auditRefusedCreation, customerExists, existingCustomerFor } from '../../customers/contact-identity';
import { customerForIntake, findContactCustomer, insertCustomer } from '../../customers/customers.service';
import { assertAssignableUser } from '../../identity/identity.service';
import { claimIdempotencyKey, saveIdempotentResponse } from '../../idempotency/idempotency.service';
import { findUnitById, findUnitBySerial } from '../../products/products.service';
import { publishLiveAfterCommit } from '../live';
import { ensureDaySequence, formatTicketNumber, nextTicketNumber, sequenceName } from '../numbering';
import { newSearchText } from '../search';
import type { TicketDeps } from '../ticket-hooks';
import { tickets } from '../tickets.tables';

export interface CreatedTicket {
  id: string;
  number: string;
  status: string;
}

export interface CreateTicketOptions {
  idempotencyKey?: string;
  /** Whose key it is when the actor is no user (a mail filed by the system): keys are per user. */
  idempotencyOwner?: string;
  /** Admin import: when the request really arrived (clocks start from it). */
  receivedAt?: Date;
}

async function resolveUnit(tx: DbOrTx, input: TicketCreateInput) {
  if (input.serialUnitId) {
    const unit = await findUnitById(tx, input.serialUnitId);
    if (!unit) throw invalidField('serialUnitId', '设备不存在', 'Serial unit does not exist', 'not_found');
    return unit;
  }
  if (input.serialNumber) {
    const units = await findUnitBySerial(tx, input.serialNumber);
    if (units.length === 0)
      throw invalidField('serialNumber', '序列号未登记，请先登记设备或留空', 'Unknown serial number: register the unit first or leave it empty', 'not_found');
    if (units.length > 1)
      throw invalidField('serialNumber', '多个型号使用此序列号，请选择具体设备', 'Several models use this serial number: pick the unit', 'ambiguous');
    return units[0]!;
  }
  return null;
}

/** 受理 registers a customer request: one transaction writes the ticket, its first events and the outbox. */
export async function createTicket(
  ctx: TicketDeps,
  input: TicketCreateInput,
  actor: Actor,
  opts: CreateTicketOptions = {},
): Promise<CreatedTicket & { replayed: boolean }> {
  const now = ctx.clock.now();
  const receivedAt = opts.receivedAt ?? now;
  await ensureDaySequence(ctx.database, localDate(receivedAt));
  const requestHash = opts.idempotencyKey ? createHash('sha256').update(JSON.stringify(input)).digest('hex') : '';
  const keyOwner = opts.idempotencyOwner ?? actor.id!;

  // Looked up (and audited) before the transaction; refused only after the idempotency check, so a
  // replay of a request that created this very customer still gets its ticket back.
  const existing = input.customer
    ? await existingCustomerFor(ctx, { confirmNew: input.customer.confirmNew, contacts: [input.customer] }, actor, { limited: !opts.receivedAt })
    : null;
  // The common request (a known customer, no idempotency key, nobody taking it yet) only reads before
  // its one write statement, which is atomic by itself: it runs without BEGIN/COMMIT, two round trips
  // less. Anything that writes before that statement (a new customer, an idempotency key, an owner's
  // audited reveal) runs in a transaction.
  const readsThenOneWrite = !opts.idempotencyKey && !input.customer && !input.ownerId;
  const run = <T>(body: (tx: Tx) => Promise<T>): Promise<T> => (readsThenOneWrite ? body(ctx.db as unknown as Tx) : ctx.db.transaction(body));
  const created = await run(async (tx): Promise<CreatedTicket & { replayed: boolean; ownerId?: string | null }> => {
    if (opts.idempotencyKey) {
      const prior = await claimIdempotencyKey(tx, { userId: keyOwner, scope: 'tickets.create', key: opts.idempotencyKey, requestHash, at: now });
      if (prior) return { ...(prior as CreatedTicket), replayed: true };
    }

    let customerId = input.customerId ?? null;
    let contactId = input.contactId ?? null;
    let customerName = input.customer?.name ?? '';
    let number: string | null = null;
    let sealer: Sealer | null = null;
    // What the create hooks read, already read with the customer (TxContext.shared).
    let shared: Map<string, Promise<unknown>> | undefined;
    if (customerId) {
      // One round trip: the customer's name and primary contact, the day's number drawn alongside. A
      // missing customer leaves a gap in the day's numbers, like any rolled-back creation.
      // The customer's data-subject key comes along too (lock order 2b), so sealing costs no round trip.
      const day = localDate(receivedAt);
      const subject = { type: 'customer' as const, id: customerId };
      const reads = ctx.ticketRegistry.createReads({ customerId, receivedAt });
      const found = await customerForIntake<{ n: number; k: { id: string; key_enc: string } | null; r: unknown[] }>(
        tx,
        customerId,
        statement`json_build_object('n', nextval(${sequenceName(day)}::regclass)::int, 'k', ${liveKeySql(subject)}, 'r', json_build_array(${joinCompiled(
          reads.map((r) => r.sql),
          (i) => [i ? ', ' : '', ''],
        )}))`,
      );
      if (!found) throw invalidField('customerId', '客户不存在', 'Customer does not exist', 'not_found');
      customerName = found.name;
      if (!input.contactId) contactId = found.contactId;
      number = formatTicketNumber(day, found.alongside.n);
      shared = new Map(reads.map((r, i) => [r.key, Promise.resolve(found.alongside.r[i])]));
      // A customer registered before crypto-shredding has no key yet: made once (two statements).
      sealer = sealerFromLiveKey(ctx, subject, found.alongside.k) ?? (await personalSealer(tx, ctx, subject));
    } else if (input.customer) {
      const c = input.customer;
      if (existing) throw customerExists(existing);
      const created = await insertCustomer(
        tx,
        ctx,
        {
          name: c.name,
          kind: c.kind,
          notes: null,
          // The province chosen on the form, else one the address names in full (never a guess).
          province: c.province ?? provinceOfFullAddress(c.address),
          confirmNew: c.confirmNew,
          // A person is their own contact; a company's contact is left unnamed rather than given the company's name.
          contacts: [{ name: c.contactName || (c.kind === 'person' ? c.name : ''), phone: c.phone, email: c.email, address: c.address, isPrimary: true }],
        },
        actor,
        receivedAt,
      );
      customerId = created.id;
      contactId = contactId ?? created.contactIds[0] ?? null;
      sealer = created.sealer;
    }
    if (input.contactId && (await findContactCustomer(tx, input.contactId)) !== customerId) {
      throw invalidField('contactId', '联系人不属于该客户', 'The contact does not belong to this customer', 'mismatch');
    }
    const unit = await resolveUnit(tx, input);
    if (input.ownerId) await assertAssignableUser(tx, input.ownerId, 'ownerId');

    number ??= await nextTicketNumber(tx, receivedAt);
    const title = input.title?.trim() || [...input.description].slice(0, 40).join('');
    const graded = Boolean(input.priority);
    const row = {
      id: randomUUID(),
      number,
      channel: input.channel,
      requestType: input.requestType,
      status: graded ? ('graded' as const) : ('received' as const),
      title,
      description: input.description,
      priority: input.priority ?? null,
      priorityReason: input.priorityReason ?? null,
      gradedById: graded ? actor.id : null,
      gradedAt: graded ? now : null,
      customerUrgency: input.customerUrgency ?? null,
      customerId: customerId!,
      contactId,
      serialUnitId: unit?.id ?? null,
      productModelId: unit?.productModelId ?? null,
      occurredAt: input.occurredAt ? new Date(input.occurredAt) : null,
      environment: input.environment ?? null,
      triedSteps: input.triedSteps ?? null,
      recorderId: actor.id,
      ownerId: input.ownerId ?? null,
      team: input.team ?? null,
      receivedAt,
      createdAt: now,
      updatedAt: now,
    };
    const search = newSearchText([number, customerName, unit?.serialNumber ?? '', title, input.description, input.environment ?? '', input.triedSteps ?? '']);
    // One statement writes the ticket with everything that starts with it (its clocks, its chain,
    // its outbox message): each module adds its own rows to `writes` (src/db/statement-batch.ts).
    const writes = new StatementBatch();
    const fromHooks = await ctx.ticketRegistry.runCreate({ ...txContext(ctx, tx), shared }, row, writes);
    writes.add(insertRows(tickets, [{ ...row, ...fromHooks, ...search }]));
    // The request's own words are the customer's personal data: sealed with their key in the chain.
    const s = sealer!;
    const sealedRow = {
      ...row,
      title: s.seal(row.title),
      description: s.seal(row.description),
      environment: s.seal(row.environment),
      triedSteps: s.seal(row.triedSteps),
    };
    const chain: Omit<NewEvent, 'newSubject'>[] = [
      { subjectType: 'ticket', subjectId: row.id, type: 'created', actor, at: receivedAt, data: { after: sealedRow } },
    ];
    if (graded) {
      chain.push({
        subjectType: 'ticket',
        subjectId: row.id,
        type: 'graded',
        actor,
        data: { after: { priority: row.priority, reason: row.priorityReason } },
      });
    }
    if (row.ownerId) {
      // Registering a request for oneself shows its contact in clear, like taking it later.
      await guardAssignment(tx, ctx, { after: row, actor });
      chain.push({
        subjectType: 'ticket',
        subjectId: row.id,
        type: 'assigned',
        actor,
        data: { before: { ownerId: null }, after: { ownerId: row.ownerId } },
      });
    }
    appendNewChain(writes, ctx, chain);
    enqueueWith(writes, now, 'ticket.created', { ticketId: row.id, number, priority: row.priority, ownerId: row.ownerId });
    await writes.flush(tx);

    const result: CreatedTicket = { id: row.id, number, status: row.status };
    if (opts.idempotencyKey) await saveIdempotentResponse(tx, { userId: keyOwner, scope: 'tickets.create', key: opts.idempotencyKey }, 201, result);
    return { ...result, replayed: false, ownerId: row.ownerId };
  }).catch(async (err: unknown) => {
    // The 409 names whose number it is: that disclosure is audited, outside the rolled-back transaction.
    if (existing && err instanceof AppError && err.code === 'customer_exists') await existing.recordDisclosure();
    // Refused inside the transaction: another creation took the same phone or e-mail meanwhile.
    else if (input.customer) await auditRefusedCreation(ctx, err, [input.customer], actor);
    throw err;
  });
  const { ownerId, ...out } = created;
  if (!created.replayed)
    publishLiveAfterCommit(ctx.database, { kind: 'ticket.created', ticketId: out.id, number: out.number, status: out.status, ownerId: ownerId ?? null });
  return out;
}

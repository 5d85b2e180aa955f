import type { z } from 'zod';
import type { TicketDeps } from '../tickets/tickets.service';
import { loadTicket } from '../tickets/tickets.service';
import { invalidField } from '../../domain/shared/errors';
import { RMA_LIFECYCLE } from '../../domain/returns/rma.status';
import { getSerialUnit } from '../products/products.service';
import { createRma, rmasOfTicket } from '../returns/returns.service.rma';
import { listTicketAttachments } from '../attachments/attachments.service';
import type { AppContext } from '../../context';
import { PORTAL_ACTOR } from './portal-access';
import type { portalRmaRequestSchema } from './portal.schemas';

// 在线申请退换货 After the eligibility check the customer asks for the return or exchange itself: an
// RMA in 待审核 through the returns module, judged again there as of today. The desk still reviews
// it (approve with the return address, or refuse): the portal opens the request, nothing more. A
// remedy the law and policy refuse is a 409 with the reasons, as at the desk (no override here: only
// a manager overrides, with a reason).

export async function requestRmaFromPortal(deps: TicketDeps, ticketId: string, input: z.output<typeof portalRmaRequestSchema>) {
  const ticket = await loadTicket(deps.db, ticketId);
  const unit = ticket.serialUnitId ? await getSerialUnit(deps, ticket.serialUnitId) : null;
  if (!unit && !input.productName) throw invalidField('body.productName', '请填写要退换的产品名称', 'Name the product to return or exchange', 'required');
  // The customer's own photos on the ticket (no staff uploader) go with the request for the review.
  const photos = (await listTicketAttachments(deps, ticketId)).filter((a) => a.uploadedById === null && a.mimeType.startsWith('image/')).slice(-20);
  const rma = await createRma(
    deps,
    ticketId,
    {
      kind: input.kind,
      reason: input.reason,
      salesChannel: input.salesChannel,
      consumer: true,
      proofOfPurchase: input.proofOfPurchase,
      receivedOn: input.receivedOn,
      description: input.description,
      photoAttachmentIds: photos.map((p) => p.id),
      items: [
        {
          model: unit ? unit.model.modelNumber : (input.productModel ?? '未登记型号'),
          name: unit ? unit.model.name : input.productName!,
          serialNumber: unit?.serialNumber ?? null,
          orderedQuantity: 1,
          quantity: 1,
          unitPriceFen: input.pricePaidFen,
        },
      ],
      paymentMethod: input.paymentMethod,
      shippingFen: 0,
      sanbaoReturnAfterRepairs: false,
      condition: input.condition,
      customMade: false,
      goodsKind: 'ordinary',
      buyerConfirmedExclusions: [],
      contract: null,
    },
    PORTAL_ACTOR,
  );
  return { number: rma.number, kind: rma.kind, status: rma.status, statusText: RMA_LIFECYCLE.labels[rma.status] };
}

/** The ticket's RMAs as the customer reads them: number, kind and status in plain words. */
export async function portalRmas(ctx: Pick<AppContext, 'db'>, ticketId: string) {
  return (await rmasOfTicket(ctx.db, ticketId)).map((r) => ({ number: r.number, kind: r.kind, statusText: RMA_LIFECYCLE.labels[r.status] }));
}

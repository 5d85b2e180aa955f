import { z } from 'zod';
import { APPROVAL_METHODS, quoteLineSchema, REPAIR_CAUSES, REPAIR_STATUSES, SERVICE_MODES } from '../../domain/repair';

// Response schemas, built by picking fields: the signature images never leave in a listing (they are
// drawn into the PDFs), and a new column never leaks by accident.

const clockOut = z.object({
  target: z.string(),
  status: z.string(),
  startedAt: z.date(),
  dueAt: z.date(),
  stoppedAt: z.date().nullable(),
  breachedAt: z.date().nullable(),
});

export const repairOut = z
  .object({
    id: z.uuid(),
    ticketId: z.uuid(),
    number: z.string(),
    serialUnitId: z.uuid().nullable(),
    mode: z.enum(SERVICE_MODES),
    status: z.enum(REPAIR_STATUSES),
    allowedMoves: z.array(z.enum(REPAIR_STATUSES)),
    siteAddress: z.string().nullable(),
    diagnosis: z
      .object({
        mode: z.enum(['remote', 'on_site']),
        faultCategory: z.string(),
        faultLabel: z.string(),
        cause: z.enum(REPAIR_CAUSES),
        findings: z.string(),
        at: z.date(),
      })
      .nullable(),
    inWarranty: z.boolean().nullable(),
    repairIsFree: z.boolean(),
    quote: z.object({
      plan: z.string().nullable(),
      estimatedHours: z.number().nullable(),
      lines: z.array(quoteLineSchema),
      totalFen: z.number().int(),
      version: z.number().int(),
      approvedVersion: z.number().int().nullable(),
      quotedAt: z.date().nullable(),
      /** Where the catalogue parts are reserved from. */
      partsWarehouseId: z.uuid().nullable(),
    }),
    /** 备件预留 the reservations the order holds or held (reserved on approval, consumed on site). */
    parts: z.array(
      z.object({
        reservationId: z.uuid(),
        partId: z.uuid(),
        partNumber: z.string(),
        quantity: z.number().int(),
        state: z.enum(['reserved', 'consumed', 'released']),
      }),
    ),
    approval: z
      .object({
        method: z.enum(APPROVAL_METHODS),
        decision: z.enum(['approve', 'decline']),
        approverName: z.string(),
        note: z.string().nullable(),
        quoteVersion: z.number().int(),
        at: z.string(),
        recordedByName: z.string(),
        hasSignature: z.boolean(),
      })
      .nullable(),
    declineReason: z.string().nullable(),
    dispatch: z.object({
      state: z.enum(['none', 'offered', 'accepted', 'pool']),
      engineer: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
      dispatchedAt: z.date().nullable(),
      acceptedAt: z.date().nullable(),
    }),
    field: z.object({
      appointmentFrom: z.date().nullable(),
      appointmentTo: z.date().nullable(),
      checkInAt: z.date().nullable(),
      checkOutAt: z.date().nullable(),
      record: z
        .object({
          findings: z.string(),
          work: z.string(),
          partsUsed: z.array(z.object({ code: z.string(), name: z.string(), quantity: z.number().int(), partId: z.string().optional() })),
          testResult: z.string(),
          testPassed: z.boolean(),
        })
        .nullable(),
      signerName: z.string().nullable(),
      signedAt: z.date().nullable(),
    }),
    factory: z.object({
      pickupCourier: z.string().nullable(),
      pickupTracking: z.string().nullable(),
      pickupBookedAt: z.date().nullable(),
      receivedAt: z.date().nullable(),
      inspectionNote: z.string().nullable(),
      repairedAt: z.date().nullable(),
      /** 返厂维修记录: the work done and the parts used at the factory. */
      record: z
        .object({
          work: z.string(),
          partsUsed: z.array(z.object({ code: z.string(), name: z.string(), quantity: z.number().int(), partId: z.string().optional() })),
          at: z.string(),
        })
        .nullable(),
      shipBackCourier: z.string().nullable(),
      shipBackTracking: z.string().nullable(),
      shippedBackAt: z.date().nullable(),
      customerNotifiedAt: z.date().nullable(),
    }),
    test: z.object({ passed: z.boolean().nullable(), note: z.string().nullable() }),
    waits: z.array(z.object({ from: z.string(), to: z.string().nullable(), part: z.string() })),
    /** 修复时间 excluding waiting for parts (001 §三.7). */
    repairTime: z.object({ repairMs: z.number().nullable(), waitingPartsMs: z.number(), running: z.boolean() }),
    endReason: z.string().nullable(),
    handedOverAt: z.date().nullable(),
    failedAt: z.date().nullable(),
    clocks: z.array(clockOut),
    createdAt: z.date(),
    updatedAt: z.date(),
    version: z.number().int(),
  })
  .meta({ id: 'RepairOrder' });

// Inline (no component id): a nullable $ref is not valid OpenAPI 3.0 (redocly nullable-type-sibling).
export const exchangeOptionOut = z.object({ raised: z.boolean(), failedRepairs: z.number().int(), rule: z.string() });

/** The `repairs` section of GET /tickets/:id. */
export const repairsSectionOut = z.object({ items: z.array(repairOut), exchangeOption: exchangeOptionOut.nullable() }).meta({ id: 'TicketRepairsSection' });

export const taskOut = z
  .object({
    repair: repairOut,
    ticket: z.object({ id: z.uuid(), number: z.string(), title: z.string() }),
    customerName: z.string(),
    /** The contact of the visit, in clear for the engineer on the order (they call and visit). */
    contact: z.object({ name: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable() }).nullable(),
    address: z.string().nullable(),
    /** 需带备件: the quoted part lines. */
    partsToBring: z.array(z.object({ code: z.string(), name: z.string(), quantity: z.number().int() })),
  })
  .meta({ id: 'RepairTask' });

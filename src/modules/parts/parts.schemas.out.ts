import { z } from 'zod';
import { MOVEMENT_KINDS, OLD_PART_STATUSES, WAREHOUSE_KINDS } from '../../domain/parts';

// Response schemas of the parts API: fields picked one by one, so a new column never leaks.

export const partOut = z
  .object({
    id: z.uuid(),
    partNumber: z.string(),
    name: z.string(),
    compatibleModelIds: z.array(z.uuid()),
    unitPriceFen: z.number().int(),
    serialTracked: z.boolean(),
    mainPart: z.boolean(),
    lowStockThreshold: z.number().int(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Part' });

export const warehouseOut = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(WAREHOUSE_KINDS),
    ownerUserId: z.uuid().nullable(),
    region: z.string().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: 'Warehouse' });

export const stockLevelOut = z
  .object({
    warehouseId: z.uuid(),
    warehouseCode: z.string(),
    warehouseName: z.string(),
    warehouseKind: z.enum(WAREHOUSE_KINDS),
    partId: z.uuid(),
    partNumber: z.string(),
    partName: z.string(),
    onHand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int(),
    lowStockThreshold: z.number().int(),
    low: z.boolean(),
    updatedAt: z.date(),
  })
  .meta({ id: 'StockLevel' });

const movementFields = {
  id: z.number().int(),
  warehouseId: z.uuid(),
  partId: z.uuid(),
  kind: z.enum(MOVEMENT_KINDS),
  onHandDelta: z.number().int(),
  reservedDelta: z.number().int(),
  onHandAfter: z.number().int(),
  reservedAfter: z.number().int(),
  actorId: z.uuid().nullable(),
  actorName: z.string(),
  reason: z.string().nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.uuid().nullable(),
  reservationId: z.uuid().nullable(),
  transferId: z.uuid().nullable(),
  serialNumbers: z.array(z.string()).nullable(),
  createdAt: z.date(),
};
export const movementOut = z.object(movementFields).meta({ id: 'StockMovement' });
export const movementListItemOut = z
  .object({ ...movementFields, partNumber: z.string(), partName: z.string(), warehouseName: z.string() })
  .meta({ id: 'StockMovementListItem' });

const reservationFields = {
  id: z.uuid(),
  warehouseId: z.uuid(),
  partId: z.uuid(),
  subjectType: z.string(),
  subjectId: z.uuid(),
  quantity: z.number().int(),
  consumedQty: z.number().int(),
  releasedQty: z.number().int(),
  status: z.enum(['active', 'closed']),
  ticketId: z.uuid().nullable(),
  shipRequired: z.boolean(),
  urgent: z.boolean(),
  shippedAt: z.date().nullable(),
  trackingNumber: z.string().nullable(),
  createdById: z.uuid().nullable(),
  createdAt: z.date(),
  closedAt: z.date().nullable(),
};
export const reservationOut = z.object(reservationFields).meta({ id: 'PartReservation' });
export const reservationListItemOut = z
  .object({ ...reservationFields, partNumber: z.string(), partName: z.string(), serialTracked: z.boolean(), warehouseName: z.string() })
  .meta({ id: 'PartReservationListItem' });

const oldPartFields = {
  id: z.uuid(),
  partId: z.uuid(),
  serialUnitId: z.uuid(),
  serialNumber: z.string().nullable(),
  subjectType: z.string(),
  subjectId: z.uuid(),
  reservationId: z.uuid().nullable(),
  warehouseId: z.uuid(),
  inWarranty: z.boolean(),
  status: z.enum(OLD_PART_STATUSES),
  trackingNumber: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  receivedAt: z.date().nullable(),
};
export const oldPartOut = z.object(oldPartFields).meta({ id: 'OldPart' });
/** Inline (no $ref): OpenAPI 3.0 cannot mark a referenced schema nullable. */
export const oldPartOrNull = z.object(oldPartFields).nullable();
export const oldPartListItemOut = z
  .object({
    ...oldPartFields,
    partNumber: z.string(),
    partName: z.string(),
    warehouseName: z.string(),
    unitSerialNumber: z.string().nullable(),
    unitModelNumber: z.string().nullable(),
  })
  .meta({ id: 'OldPartListItem' });

export const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

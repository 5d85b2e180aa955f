import type { OutboxRegistry } from '../../jobs/outbox';
import { usersWithRoles } from '../identity/identity.service';
import { notify } from '../notifications/notifications.service';

// 低库存预警 → 站内通知 for the people who replenish stock: logistics and the service managers.
// The notification is stored as a kind and its parameters and worded when read (notification.render.ts).
export function registerPartsHandlers(outbox: OutboxRegistry): void {
  outbox.handle('parts.low_stock', 'parts', async (ctx, p, message) => {
    const readers = await usersWithRoles(ctx.tx, ['logistics', 'manager']);
    await notify(
      ctx.tx,
      ctx.clock.now(),
      readers.map((u) => ({
        userId: u.id,
        kind: 'part_low_stock',
        params: { partNumber: p.partNumber, partName: p.partName, warehouseName: p.warehouseName, available: p.available, threshold: p.threshold },
        // One per crossing (each crossing is one message), even when delivery is retried.
        dedupeKey: `low_stock:${p.warehouseId}:${p.partId}:${message.id}`,
      })),
    );
  });
}

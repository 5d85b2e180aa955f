import { txContext, type Actor, type AppContext } from '../context';
import { consumeReservation, reserveParts } from '../modules/parts/parts.api';
import { createPart, createWarehouse } from '../modules/parts/parts.catalogue';
import { moveStock, receiveStock } from '../modules/parts/stock.service';

// 备件 demo: warehouses, a small catalogue with stock, a transfer to each engineer's personal stock,
// one part below its alert line, and two old parts on their way back (旧件返还). Deterministic (no
// random numbers), so the demo tickets stay what they were.

interface Model {
  id: string;
  modelNumber: string;
}
const PARTS = [
  { partNumber: 'PSU-FAN-80', name: '散热风扇 80mm', model: 'PSU-2400', priceFen: 4500, serial: false, main: false, threshold: 10, stock: 40 },
  { partNumber: 'PSU-PCB-MAIN', name: '电源主板', model: 'PSU-2400', priceFen: 68000, serial: true, main: true, threshold: 3, stock: 6 },
  { partNumber: 'CTL-M8-CPU', name: 'M8 主控板', model: 'CTL-M8', priceFen: 125000, serial: true, main: true, threshold: 2, stock: 2 },
  { partNumber: 'HMI-10-LCD', name: '10 寸液晶屏总成', model: 'HMI-10', priceFen: 89000, serial: true, main: true, threshold: 2, stock: 5 },
  { partNumber: 'HMI-10-TP', name: '触摸面板', model: 'HMI-10', priceFen: 32000, serial: false, main: false, threshold: 3, stock: 8 },
  { partNumber: 'GBX-40-BRG', name: '减速机轴承组件', model: 'GBX-40', priceFen: 15800, serial: false, main: false, threshold: 4, stock: 12 },
] as const;

export async function seedDemoParts(ctx: AppContext, models: readonly Model[], staff: Record<string, Actor>, system: Actor) {
  const logistics = staff.logistics ?? system;
  const modelId = new Map(models.map((m) => [m.modelNumber, m.id]));
  const central = await createWarehouse(ctx, { code: 'SH-CENTRAL', name: '上海中心库', kind: 'central', region: '华东' }, logistics);
  await createWarehouse(ctx, { code: 'GZ-REGIONAL', name: '广州区域库', kind: 'regional', region: '华南' }, logistics);
  const personal = [];
  for (const [username, code, name] of [
    ['engineer', 'ENG-CHEN', '陈工程师个人库'],
    ['engineer2', 'ENG-LIU', '刘工程师个人库'],
  ] as const) {
    const owner = staff[username];
    if (owner?.id) personal.push(await createWarehouse(ctx, { code, name, kind: 'engineer', ownerUserId: owner.id }, logistics));
  }
  const parts = [];
  for (const p of PARTS) {
    const part = await createPart(
      ctx,
      {
        partNumber: p.partNumber,
        name: p.name,
        compatibleModelIds: modelId.has(p.model) ? [modelId.get(p.model)!] : [],
        unitPriceFen: p.priceFen,
        serialTracked: p.serial,
        mainPart: p.main,
        lowStockThreshold: p.threshold,
      },
      logistics,
    );
    parts.push(part);
    await receiveStock(ctx, { warehouseId: central.id, partId: part.id, quantity: p.stock, reason: '采购入库' }, logistics);
  }
  // Each engineer carries a fan and a touch panel; 陈工 also a main board (which leaves central low).
  for (const [i, wh] of personal.entries()) {
    const lines = [{ partId: parts[0]!.id, quantity: 4 }, { partId: parts[4]!.id, quantity: 2 }, ...(i === 0 ? [{ partId: parts[2]!.id, quantity: 1 }] : [])];
    await moveStock(ctx, { fromWarehouseId: central.id, toWarehouseId: wh.id, lines, reason: '工程师领料' }, 'transfer', logistics);
  }
  return { central, personal, parts };
}

/** Two fans replaced on site from 陈工's stock (their old parts are expected back), and a board to ship. */
export async function seedDemoOldParts(
  ctx: AppContext,
  seeded: Awaited<ReturnType<typeof seedDemoParts>>,
  jobs: readonly { ticketId: string; serialUnitId: string }[],
  engineer: Actor | undefined,
) {
  const wh = seeded.personal[0];
  if (!wh || !engineer) return;
  for (const job of jobs.slice(0, 2)) {
    await ctx.db.transaction(async (tx) => {
      const tctx = txContext(ctx, tx);
      const [r] = await reserveParts(
        tctx,
        { warehouseId: wh.id, subjectType: 'ticket', subjectId: job.ticketId, lines: [{ partId: seeded.parts[0]!.id, quantity: 1 }] },
        engineer,
      );
      await consumeReservation(tctx, r!.id, engineer, { oldPart: { serialUnitId: job.serialUnitId, inWarranty: true }, reason: '现场更换' });
    });
  }
  // A main board requested for the first of them, to ship from central within 24 h (备件发货).
  const first = jobs[0];
  if (first)
    await ctx.db.transaction((tx) =>
      reserveParts(
        txContext(ctx, tx),
        {
          warehouseId: seeded.central.id,
          subjectType: 'ticket',
          subjectId: first.ticketId,
          lines: [{ partId: seeded.parts[1]!.id, quantity: 1 }],
          ship: true,
          reason: '更换电源主板',
        },
        engineer,
      ),
    );
}

import type { Actor } from '../context';
import { localDate } from '../domain/shared/local-date';
import { fromLocal } from '../domain/calendar/time-zone';
import { parseIsoDate } from '../domain/calendar/civil-day';
import { contactCustomer, createComplaint, followUpComplaint, gradeComplaint, handleComplaint } from '../modules/complaints/complaints.service';
import { addNegotiationEntry, moveDispute, openDispute, recordStage, saveMediationBody } from '../modules/complaints/disputes.service';
import { recordCall } from '../modules/followups/followups.service';
import { listFollowups } from '../modules/followups/followups.service';
import { approveRefund, payRefund } from '../modules/refunds/refunds.service';
import { acceptDispatch, createRepair, dispatchRepair, setAppointment } from '../modules/repairs/repairs.service';
import { createRma, decideRmaOutcome, inspectRma, receiveRma, recordCustomerShipment, reviewRma } from '../modules/returns/returns.service.rma';
import type { TicketDeps } from '../modules/tickets/tickets.service';
import { DEMO_PROBLEMS, type DemoProblem } from './demo-problems';
import { DemoStory, TIME, type DemoCast, type DemoUnit } from './demo-tickets';
import { seedDemoKnowledge } from './demo-knowledge';

// The demo company's after-sales work beyond tickets: returns and exchanges (退换货) with their
// eligibility decisions, refunds, complaints (投诉) with their clocks, a dispute (争议) in mediation,
// field repair orders booked for the demo engineer, and follow-up visits (回访) — each written through
// its module's use cases at its real past instant, so every row, clock, event and outbox message is
// what the product writes. Tickets are made for them the way the other demo tickets are.

const { MIN, HOUR, DAY } = TIME;
const RETURN_ADDRESS = '上海市浦东新区金科路 2889 号 售后服务中心收货组';

export interface ServiceCast extends DemoCast {
  finance: Actor;
  logistics: Actor;
  engineer: Actor;
}

function problem(family: string, title: string): DemoProblem {
  const found = DEMO_PROBLEMS[family]!.find((p) => p.title === title);
  if (!found) throw new Error(`demo problem ${family}/${title} is missing`);
  return found;
}

/** The context of a story's present instant (the use cases read the time from it). */
const at = (ctx: TicketDeps, story: DemoStory): TicketDeps => ({ ...ctx, clock: { now: () => new Date(story.nowAt()) } });
const chinaDay = (ms: number) => localDate(new Date(ms));

export async function seedDemoServices(
  ctx: TicketDeps,
  rand: () => number,
  now: number,
  cast: ServiceCast,
  unitsOf: (family: string) => DemoUnit[],
  models: { id: string; modelNumber: string; name: string }[],
): Promise<string[]> {
  const tickets: string[] = [];
  const unit = (family: string, k: number) => unitsOf(family)[k % unitsOf(family).length]!;
  const agent = cast.agents[0]!;
  const manager = cast.manager;

  /** A ticket taken up by its owner, its story's clock at the moment it went into progress. */
  async function ticket(family: string, title: string, k: number, receivedAgo: number, owner: Actor) {
    const p = problem(family, title);
    const u = unit(family, k);
    const story = new DemoStory(ctx, rand, now, now - receivedAgo);
    const t = await story.create(p, u, 'phone', { ...cast, agents: [agent] });
    await story.takeUp(t.id, p, t.spoken, t.agent, owner, (3 + rand() * 4) * MIN);
    tickets.push(t.id);
    return { id: t.id, story, unit: u, problem: p };
  }
  const modelName = (family: string) => models.find((m) => m.modelNumber.startsWith(family))!;
  const item = (family: string, ordered: number, quantity: number, unitPriceFen: number) => ({
    model: modelName(family).modelNumber,
    name: modelName(family).name,
    serialNumber: null,
    orderedQuantity: ordered,
    quantity,
    unitPriceFen,
  });
  const rmaInput = (over: { kind: 'return' | 'exchange'; reason: 'quality' | 'wrong_shipment' | 'no_reason'; receivedOn: string; description: string }) => ({
    ...over,
    salesChannel: 'contract' as const,
    consumer: false,
    proofOfPurchase: `销售合同 HT-${over.receivedOn.replaceAll('-', '')}-${Math.floor(100 + rand() * 900)}`,
    photoAttachmentIds: [],
    paymentMethod: 'bank_transfer' as const,
    shippingFen: 0,
    sanbaoReturnAfterRepairs: false,
    customMade: false,
    goodsKind: 'ordinary' as const,
    buyerConfirmedExclusions: [],
  });

  // 退换货 1: just asked for, waiting for the review (its 12 h review clock runs).
  {
    const t = await ticket('WF', '包装密封破损', 0, 3 * HOUR, cast.engineer);
    t.story.wait(20 * MIN);
    await createRma(
      at(ctx, t.story),
      t.id,
      {
        ...rmaInput({ kind: 'return', reason: 'quality', receivedOn: chinaDay(now - 2 * DAY), description: t.problem.text }),
        items: [item('WF', 4, 1, 1_280_00)],
      },
      agent,
    );
  }
  // 退换货 2: an exchange approved, the customer's parcel on its way back.
  {
    const t = await ticket('PSU', '外壳有划痕', 1, 3 * DAY, cast.engineer);
    t.story.wait(30 * MIN);
    const c = () => at(ctx, t.story);
    const input = { kind: 'exchange' as const, reason: 'quality' as const, receivedOn: chinaDay(now - 4 * DAY), description: t.problem.text };
    const rma = await createRma(c(), t.id, { ...rmaInput(input), items: [item('PSU', 2, 1, 3_650_00)] }, agent);
    t.story.wait(2 * HOUR);
    await reviewRma(c(), rma.id, { decision: 'approve', returnAddress: RETURN_ADDRESS, note: '外壳划痕属运输损伤，同意换货' }, manager);
    t.story.wait(20 * HOUR);
    await recordCustomerShipment(c(), rma.id, { courier: '顺丰速运', trackingNumber: 'SF1408822731' }, agent);
    await t.story.move(t.id, 'waiting_customer', cast.engineer, 10 * MIN, '等待客户寄回外壳划伤的电源模块');
  }
  // 退换货 3: a wrong model returned and refunded — the refund is paid.
  {
    const t = await ticket('CTL', '收到型号不对', 2, 12 * DAY, cast.engineer);
    const c = () => at(ctx, t.story);
    t.story.wait(30 * MIN);
    const input = { kind: 'return' as const, reason: 'wrong_shipment' as const, receivedOn: chinaDay(now - 13 * DAY), description: t.problem.text };
    const rma = await createRma(c(), t.id, { ...rmaInput(input), items: [item('CTL', 1, 1, 8_600_00)] }, agent);
    t.story.wait(HOUR);
    await reviewRma(c(), rma.id, { decision: 'approve', returnAddress: RETURN_ADDRESS, note: '发错型号，我方承担运费' }, manager);
    t.story.wait(DAY);
    await recordCustomerShipment(c(), rma.id, { courier: '德邦快递', trackingNumber: 'DPK300912877' }, agent);
    t.story.wait(2 * DAY);
    await receiveRma(c(), rma.id, cast.logistics);
    t.story.wait(3 * HOUR);
    await inspectRma(c(), rma.id, { condition: '四轴版控制器，原包装未拆封，配件齐全', passed: true, photoAttachmentIds: [] }, cast.logistics);
    t.story.wait(HOUR);
    const done = await decideRmaOutcome(c(), rma.id, { outcome: 'refund', attribution: 'sales_order_error', depreciationFen: 0, unreturnedGiftsFen: 0 }, agent);
    t.story.wait(4 * HOUR);
    await approveRefund(c(), done.refundId!, cast.finance);
    t.story.wait(DAY);
    await payRefund(c(), done.refundId!, { reference: 'BT20261' + String(Math.floor(rand() * 1e8)).padStart(8, '0') }, cast.finance);
    await t.story.move(t.id, 'resolved', cast.engineer, 2 * HOUR, '已退货退款，客户另行下单八轴版');
    await t.story.followUp(t.id, agent, 26 * HOUR);
    await t.story.archive(t.id, cast.engineer, manager, 2 * HOUR);
  }
  // 退换货 4: unopened wafers the project no longer needs: no right of return on a contract sale, so the
  // manager's override (特批) is on record; inspected yesterday, the refund is approved and due soon.
  {
    const t = await ticket('WF', '申请退款', 3, 6 * DAY, cast.engineer);
    const c = () => at(ctx, t.story);
    t.story.wait(40 * MIN);
    const input = { kind: 'return' as const, reason: 'no_reason' as const, receivedOn: chinaDay(now - 9 * DAY), description: t.problem.text };
    const rma = await createRma(
      c(),
      t.id,
      { ...rmaInput(input), items: [item('WF', 10, 10, 1_280_00)], override: { reason: '长期合作客户，整箱未拆封，可二次销售，特批退货' } },
      manager,
    );
    t.story.wait(HOUR);
    await reviewRma(c(), rma.id, { decision: 'approve', returnAddress: RETURN_ADDRESS }, manager);
    t.story.wait(DAY);
    await recordCustomerShipment(c(), rma.id, { courier: '京东物流', trackingNumber: 'JDX0029918734' }, agent);
    t.story.wait(2 * DAY);
    await receiveRma(c(), rma.id, cast.logistics);
    t.story.wait(Math.max(HOUR, now - DAY - t.story.nowAt()));
    await inspectRma(c(), rma.id, { condition: '整箱未拆封，密封袋完好', passed: true, photoAttachmentIds: [] }, cast.logistics);
    t.story.wait(HOUR);
    const done = await decideRmaOutcome(c(), rma.id, { outcome: 'refund', attribution: 'customer_cause', depreciationFen: 0, unreturnedGiftsFen: 0 }, agent);
    t.story.wait(2 * HOUR);
    await approveRefund(c(), done.refundId!, cast.finance);
  }

  await seedDemoComplaints(ctx, rand, now, cast, ticket);
  await seedFieldVisits(ctx, now, cast, ticket);

  // 专项回访: a customer rated the routine call 3 (the part came late), so a dedicated follow-up is open.
  {
    const t = await ticket('GBX', '减速机漏油', 4, 4 * DAY, cast.engineer);
    await t.story.move(t.id, 'resolved', cast.engineer, 20 * HOUR, '更换输出轴油封，试运行两小时无渗漏');
    t.story.wait(30 * HOUR);
    const [task] = await listFollowups(at(ctx, t.story), { status: 'pending', kind: 'routine', ticketId: t.id, limit: 1 }, agent);
    await recordCall(
      at(ctx, t.story),
      task!.id,
      { channel: 'phone', outcome: 'reached', rating: 3, problemSolved: true, comments: '漏油已解决，但油封等了两天，停机时间太长' },
      agent,
    );
  }
  await seedDemoKnowledge(ctx, cast, models);
  return tickets;
}

type TicketMaker = (
  family: string,
  title: string,
  k: number,
  receivedAgo: number,
  owner: Actor,
) => Promise<{ id: string; story: DemoStory; unit: DemoUnit; problem: DemoProblem }>;

/** 投诉: one being handled (its clocks run), one closed satisfied, one escalated into a dispute in mediation. */
async function seedDemoComplaints(ctx: TicketDeps, rand: () => number, now: number, cast: ServiceCast, ticket: TicketMaker) {
  const agent = cast.agents[1]!;
  const manager = cast.manager;
  {
    const t = await ticket('WF', '晶圆表面划伤', 5, 26 * HOUR, cast.engineer);
    t.story.wait(3 * HOUR);
    const c = () => at(ctx, t.story);
    const complaint = await createComplaint(
      c(),
      {
        customerId: t.unit.customerId,
        channel: 'phone',
        purchaseInfo: '2026 年 11 月批次测试片，合同 HT-20261102-317',
        description: '客户来电投诉：同一批测试片第二次出现表面划伤，影响其设备验收进度，要求说明原因并全批次复检。',
        ticketIds: [t.id],
        repairIds: [],
        rmaIds: [],
      },
      agent,
    );
    t.story.wait(25 * MIN);
    await contactCustomer(c(), complaint.id, '已致电客户说明处理流程：质量部 24 小时内给出初步分析，7 个工作日内给出处理结论。', agent);
    t.story.wait(40 * MIN);
    await gradeComplaint(c(), complaint.id, 'complex', '涉及批次质量，需质量部留样复测并追溯包装工序', manager);
  }
  {
    const t = await ticket('IC', '数量短缺', 6, 20 * DAY, cast.engineer);
    t.story.wait(2 * HOUR);
    const c = () => at(ctx, t.story);
    const complaint = await createComplaint(
      c(),
      {
        customerId: t.unit.customerId,
        channel: 'phone',
        purchaseInfo: '',
        description: '客户投诉卷盘数量短缺 150 颗，且此前已发生过一次，要求补发并改进出库清点。',
        ticketIds: [t.id],
        repairIds: [],
        rmaIds: [],
      },
      agent,
    );
    t.story.wait(20 * MIN);
    await contactCustomer(c(), complaint.id, '已向客户说明将核查出库记录，3 个工作日内补发并反馈改进措施。', agent);
    t.story.wait(30 * MIN);
    await gradeComplaint(c(), complaint.id, 'general', '数量差异明确，出库记录可查', agent);
    t.story.wait(DAY + 3 * HOUR);
    await handleComplaint(c(), complaint.id, '已补发 150 颗并附出库复核记录；仓库增加称重复核工序。', agent);
    await t.story.move(t.id, 'resolved', cast.engineer, 10 * MIN, '差额已补发');
    t.story.wait(DAY);
    await followUpComplaint(c(), complaint.id, { satisfied: true, rating: 5, comments: '客户已收到补发芯片，对改进措施满意' }, agent);
    await t.story.followUp(t.id, agent, 10 * MIN);
    await t.story.archive(t.id, cast.engineer, manager, HOUR);
  }
  {
    const t = await ticket('YJV', '电缆长度不足', 7, 30 * DAY, cast.engineer);
    t.story.wait(3 * HOUR);
    const c = () => at(ctx, t.story);
    const complaint = await createComplaint(
      c(),
      {
        customerId: t.unit.customerId,
        channel: 'phone',
        purchaseInfo: 'YJV 3×95 电力电缆 6 盘，每盘 500 米',
        description: '客户投诉 6 盘电缆每盘短约 20 米，导致工程返工，要求按返工损失赔偿。',
        ticketIds: [t.id],
        repairIds: [],
        rmaIds: [],
      },
      agent,
    );
    t.story.wait(30 * MIN);
    await contactCustomer(c(), complaint.id, '已告知客户将复核出厂米数记录，并安排工程师现场复测。', agent);
    t.story.wait(HOUR);
    await gradeComplaint(c(), complaint.id, 'complex', '涉及赔偿金额与工程返工责任认定', manager);
    t.story.wait(2 * DAY);
    const dispute = await openDispute(
      c(),
      complaint.id,
      { reason: '客户对补发方案不认可，坚持赔偿返工损失', customerClaim: '赔偿返工人工及工期损失共计 8.6 万元' },
      manager,
    );
    t.story.wait(DAY);
    await addNegotiationEntry(
      c(),
      dispute.id,
      { party: 'company', kind: 'offer', text: '按实测差额补发电缆并承担运费，另补偿返工人工 1.5 万元', amountFen: 1_500_000 },
      manager,
    );
    t.story.wait(2 * DAY);
    await addNegotiationEntry(c(), dispute.id, { party: 'customer', kind: 'answer', text: '补偿金额过低，不接受', amountFen: null }, manager);
    t.story.wait(DAY);
    await recordStage(c(), dispute.id, { outcome: '双方对返工损失金额分歧较大，协商未达成一致' }, manager);
    const body = await saveMediationBody(c(), null, {
      name: '常州市新北区人民调解委员会',
      kind: 'people_mediation',
      contact: '0519-85120000',
      address: '江苏省常州市新北区太湖东路 9 号',
      active: true,
    });
    t.story.wait(2 * HOUR);
    const mediationDay = chinaDay(Math.min(now + 5 * DAY, t.story.nowAt() + 20 * DAY));
    await moveDispute(c(), dispute.id, { to: 'mediation', mediationBodyId: body.id, reason: '申请第三方调解' }, manager);
    await recordStage(c(), dispute.id, { caseNumber: `新北调字〔2026〕第 ${100 + Math.floor(rand() * 800)} 号`, dates: [mediationDay] }, manager);
  }
}

/** 上门服务: two field orders dispatched to the demo engineer, booked for today and tomorrow. */
async function seedFieldVisits(ctx: TicketDeps, now: number, cast: ServiceCast, ticket: TicketMaker) {
  const today = chinaDay(now);
  const day = (iso: string, hour: number) => fromLocal(parseIsoDate(iso)!, hour * HOUR, 'Asia/Shanghai');
  const tomorrow = chinaDay(day(today, 12) + DAY);
  // Today: from a quarter of an hour from now (09:00 at the earliest), two hours long, inside today.
  const fromToday = Math.min(Math.max(now + 15 * MIN, day(today, 9)), day(today, 22));
  const visits = [
    { family: 'GBX', title: '回程间隙变大', from: fromToday, to: Math.min(fromToday + 2 * HOUR, day(today, 24) - MIN), note: '客户设备部已安排停机窗口' },
    { family: 'PSU', title: '风扇噪音大', from: day(tomorrow, 9.5), to: day(tomorrow, 11.5), note: '到厂后联系设备科，携带备用风扇' },
  ];
  for (const [k, v] of visits.entries()) {
    const t = await ticket(v.family, v.title, 8 + k, (10 + k * 6) * HOUR, cast.engineer);
    t.story.wait(20 * MIN);
    const c = () => at(ctx, t.story);
    const repair = await createRepair(c(), t.id, { mode: 'field', serialUnitId: t.unit.id }, cast.manager);
    t.story.wait(10 * MIN);
    await dispatchRepair(c(), repair.id, cast.engineer.id!, cast.manager);
    t.story.wait(15 * MIN);
    await acceptDispatch(c(), repair.id, cast.engineer);
    t.story.wait(10 * MIN);
    await setAppointment(c(), repair.id, { from: new Date(v.from).toISOString(), to: new Date(v.to).toISOString(), contactNote: v.note }, cast.engineer);
  }
}

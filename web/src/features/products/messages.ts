// Messages of a unit's service records (维修/换货记录) and its model's main parts (主要部件).
import { useSubMessages } from '@/lib/i18n';

export const SERVICE_MESSAGES = {
  'us.open': ['服务记录', 'Service records'],
  'us.title': ['设备 {sn} 的服务记录', 'Service records of {sn}'],
  'us.history': ['维修/换货记录', 'Repairs and exchanges'],
  'us.historyHint': ['维修时间和待件时间延长保修期；换货后保修期重新计算', 'Repair and parts-waiting time extend the warranty; an exchange restarts it'],
  'us.kind.repair': ['维修', 'Repair'],
  'us.kind.exchange': ['换货', 'Exchange'],
  'us.kind': ['类型', 'Kind'],
  'us.period': ['期间', 'Period'],
  'us.waiting': ['待件', 'Waiting for parts'],
  'us.source': ['来源', 'Source'],
  'us.source.staff': ['人工登记', 'Recorded by staff'],
  'us.source.repair': ['维修单', 'Repair order'],
  'us.note': ['备注', 'Note'],
  'us.none': ['暂无记录', 'No records yet'],
  'us.addRepair': ['登记维修', 'Record a repair'],
  'us.addExchange': ['登记换货', 'Record an exchange'],
  'us.repairSpan': ['维修起止日期', 'Repair from – to'],
  'us.waitingSpan': ['待件起止日期（可选）', 'Waiting for parts from – to (optional)'],
  'us.exchangeOn': ['换货日期', 'Exchanged on'],
  'us.saved': ['已保存', 'Saved'],
  'us.mainParts': ['主要部件保修期（型号 {m}）', 'Main-part periods (model {m})'],
  'us.mainPartsHint': [
    '主要部件的保修期长于整机时在此登记，适用于该型号的所有设备',
    'Parts whose period is longer than the unit’s; applies to every unit of the model',
  ],
  'us.partName': ['部件名称', 'Part'],
  'us.months': ['保修月数', 'Months'],
  'us.addPart': ['添加部件', 'Add a part'],
  'us.saveParts': ['保存主要部件', 'Save main parts'],
  'us.readOnly': ['仅产品管理员可修改', 'Only catalogue editors can change these'],
} as const satisfies Record<string, readonly [string, string]>;

export const useServiceI18n = () => useSubMessages(SERVICE_MESSAGES);

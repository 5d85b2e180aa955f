// Messages of the warranty decision (三包判定), shown on the intake form and the ticket page.
import { useSubMessages } from '@/lib/i18n';

export const WARRANTY_MESSAGES = {
  'wd.title': ['三包判定', 'Warranty decision'],
  'wd.stage.return_exchange_repair': ['三包期内：可退货、换货或修理', 'Within 三包: return, exchange or repair at the customer’s choice'],
  'wd.stage.exchange_repair': ['三包期内：可换货或修理', 'Within 三包: exchange or repair'],
  'wd.stage.repair': ['保修期内：免费修理', 'In warranty: free repair'],
  'wd.stage.excluded': ['不属于三包范围：有偿维修', 'Excluded from 三包: paid repair'],
  'wd.stage.out_of_warranty': ['已过保修期：有偿维修', 'Out of warranty: paid repair'],
  'wd.in': ['保修期内', 'In warranty'],
  'wd.out': ['已过保修期', 'Out of warranty'],
  'wd.noDate': ['无购买日期', 'No purchase date'],
  'wd.until': ['保修至 {d}', 'Covered through {d}'],
  'wd.free': ['免费', 'Free'],
  'wd.paid': ['收费', 'Paid'],
  'wd.asOf': ['判定日期 {d}', 'As of {d}'],
  'wd.asOfReceipt': ['按受理日期 {d} 判定', 'As of the receipt date {d}'],
  'wd.part': ['部件：{p}', 'Part: {p}'],
  'wd.reasons': ['判定依据', 'Reasons'],
  'wd.loading': ['正在判定三包…', 'Checking the warranty…'],
  'wd.failed': ['三包判定失败', 'The warranty check failed'],
  'wd.evidence': ['除外责任证据', 'Exclusion evidence'],
  'wd.evidenceBy': ['{n} 于 {at} 登记', 'Recorded by {n} on {at}'],
  'wd.recordEvidence': ['登记除外证据', 'Record exclusion evidence'],
  'wd.cause': ['除外原因', 'Excluded because of'],
  'wd.cause.misuse': ['使用不当/人为损坏', 'Misuse or man-made damage'],
  'wd.cause.poor_storage': ['保管不善', 'Poor storage'],
  'wd.cause.force_majeure': ['不可抗力', 'Force majeure'],
  'wd.cause.unauthorised_disassembly': ['私自拆修', 'Unauthorised disassembly'],
  'wd.cause.no_proof': ['无购买凭证', 'No proof of purchase'],
  'wd.evidenceNote': ['检查所见', 'What was found'],
  'wd.evidenceFiles': ['照片/附件（从工单附件中选择）', 'Photos/attachments (from the ticket’s)'],
  'wd.noFiles': ['工单暂无附件，可先在附件区上传照片', 'No attachments yet: upload photos in the attachments section first'],
  'wd.saved': ['已登记，三包判定已按证据更新', 'Recorded: the decision now rests on this evidence'],
} as const satisfies Record<string, readonly [string, string]>;

export const useWarrantyI18n = () => useSubMessages(WARRANTY_MESSAGES);

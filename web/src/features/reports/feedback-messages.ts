// Messages of the incidents list and the quality feedback page (质量反馈). zh-CN first.
import { useSubMessages } from '@/lib/i18n';

export const FEEDBACK_MESSAGES = {
  'qf.incidents': ['应急事件', 'Incidents'],
  'qf.number': ['编号', 'Number'],
  'qf.kind.batch_failure': ['批量性故障', 'Batch failure'],
  'qf.kind.safety_event': ['安全事件', 'Safety event'],
  'qf.model': ['型号', 'Model'],
  'qf.batch': ['批次', 'Batch'],
  'qf.fault': ['故障类别', 'Fault'],
  'qf.raised': ['发起时间', 'Raised'],
  'qf.tickets': ['工单数', 'Tickets'],
  'qf.open': ['质量反馈', 'Quality feedback'],
  'qf.title': ['质量反馈（反馈生产）', 'Quality feedback to production'],
  'qf.new': ['新建质量反馈', 'New feedback report'],
  'qf.symptom': ['故障现象', 'Symptom'],
  'qf.frequency': ['发生频次', 'Frequency'],
  'qf.scope': ['影响范围', 'Scope'],
  'qf.units': ['涉及台数', 'Affected units'],
  'qf.evidence': ['证据', 'Evidence'],
  'qf.create': ['保存反馈', 'Save'],
  'qf.send': ['发送生产', 'Send to production'],
  'qf.verify': ['效果已验证，结案', 'Effect verified, close'],
  'qf.withdraw': ['撤回', 'Withdraw'],
  'qf.reopen': ['退回生产', 'Send back to production'],
  'qf.reason': ['原因', 'Reason'],
  'qf.plan': ['改进方案', 'Improvement plan'],
  'qf.fixDate': ['改进生效日期', 'Fix date'],
  'qf.savePlan': ['录入改进方案', 'Record the plan'],
  'qf.effect': ['改进效果（故障率＝故障工单数／批次台数）', 'Effect (fault rate = fault tickets / units of the batch)'],
  'qf.window': ['对比区间：{from} 至 {fix}（改进前） / {fix} 至 {to}（改进后）', 'Compared: {from} – {fix} (before) / {fix} – {to} (after)'],
  'qf.before': ['改进前', 'Before'],
  'qf.after': ['改进后', 'After'],
  'qf.rateBefore': ['改进前故障率', 'Rate before'],
  'qf.rateAfter': ['改进后故障率', 'Rate after'],
  'qf.improved': ['故障率下降，改进有效', 'The fault rate fell: the fix works'],
  'qf.notImproved': ['故障率未下降，请跟进生产', 'The fault rate did not fall: follow up with production'],
  'qf.noData': ['数据不足，暂无法判断', 'Not enough data yet'],
  'qf.none': ['尚无质量反馈', 'No feedback yet'],
} as const;

export type FeedbackMessageKey = keyof typeof FEEDBACK_MESSAGES;
export const useFeedbackI18n = () => useSubMessages(FEEDBACK_MESSAGES);

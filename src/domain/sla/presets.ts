// The "strictest" preset (default): the tightest value of each row across the document presets,
// except where a row of one document is not the same commitment (explained inline). A test checks
// that strictest is never later than any document for any request type × priority × target.
import type { SlaPolicy } from './policy';
import { DOCUMENT_PRESETS, hours, minutes, workingDays } from './presets.documents';

export { DOCUMENT_PRESETS } from './presets.documents';

export const STRICTEST_PRESET: SlaPolicy = {
  id: 'strictest',
  name: '最严（默认）',
  description: '取 000–004 各文件每一行中最严格的时限；默认策略。',
  rules: [
    // acknowledge 10 min: 004 §二(一) = 000 e-mail reply; 000's 3-min phone pickup is telephony, not a ticket clock.
    // followUp 72 h (004 §二(五), due at the end of its 24–72 h window) beats 3 wd (003, 000): 3 wd ≥ 72 h.
    { requestType: '*', priority: '*', targets: { acknowledge: minutes(10), followUp: hours(72) }, source: '004' },
    // Grade table 004 §二(二). firstResponse stays grade-specific (30 min / 2 h / 4 h): it beats 000's
    // 24 h warranty contact; 003's "2 h" is the technical team's contact once a fault ticket reaches it
    // (a second-line step after intake), so it does not tighten the general grade's 4 h response.
    // progressUpdate 30 min: the strict reading of 000's "every 30 min or 1 h". followUp urgent 12 h (004).
    {
      requestType: '*',
      priority: 'urgent',
      targets: { firstResponse: minutes(30), resolution: hours(24), progressUpdate: minutes(30), followUp: hours(12) },
      source: '004 §二(二), §二(五); 000 §服务实施',
    },
    { requestType: '*', priority: 'important', targets: { firstResponse: hours(2), resolution: hours(72) }, source: '004 §二(二)' },
    {
      requestType: '*',
      priority: 'general',
      targets: { firstResponse: hours(4), resolution: workingDays(5) },
      // Shown in the policy editor: why 003's 2 h is not this row's value.
      source: '004 §二(二)。003 §三 的“2 小时内联系客户”是故障工单转到技术部门后的二线联系，不是受理后的首次响应，故一般级别仍为 4 小时',
    },
    // On-site engineer within 48 h (000 §保修服务); only 000 states it.
    { requestType: 'repair', priority: '*', targets: { onSiteVisit: hours(48) }, source: '000 §保修服务' },
    { requestType: 'replacement', priority: '*', targets: { onSiteVisit: hours(48) }, source: '000 §保修服务' },
    // Review 12 h (003) beats 24 h (000); refund 3 wd (003 §八, 004 §二(四)) beats 5 wd (002) and 7 wd (000).
    { requestType: 'return', priority: '*', targets: { returnReview: hours(12), refund: workingDays(3) }, source: '003 §八' },
    // Exchange shipped within 3 wd (000, 003 agree).
    {
      requestType: 'exchange',
      priority: '*',
      targets: { returnReview: hours(12), exchangeShipment: workingDays(3) },
      source: '003 §八; 000 §退换货服务',
    },
    // Refund 3 wd of the request (000 §退款服务, 004 §二(四)) beats 5 wd (002 §8.4.3).
    { requestType: 'refund', priority: '*', targets: { refund: workingDays(3) }, source: '000 §退款服务' },
    // Complaints (000 §投诉处理, only source with numbers). Complaint follow-up: the '*' row's 72 h / 12 h
    // is tighter than 000's 3 wd, so it is not repeated here.
    {
      requestType: 'complaint',
      priority: '*',
      targets: {
        complaintContact: hours(1),
        complaintResolution: workingDays(3),
        complaintResolutionComplex: workingDays(7),
      },
      source: '000 §投诉处理',
    },
  ],
};

export const DEFAULT_POLICY_ID = STRICTEST_PRESET.id;

/** All shipped presets; the server seeds them as version 1 of each policy. */
export const SLA_PRESETS: readonly SlaPolicy[] = [STRICTEST_PRESET, ...DOCUMENT_PRESETS];

type NamePair = { zh: string; en: string };

/**
 * Chinese and English names and descriptions of the shipped presets, by policy key. The stored policy
 * carries the Chinese ones; the web app shows the English ones on English screens while the stored
 * name is still the shipped one (an admin's rename wins).
 */
export const PRESET_NAMES: Readonly<Record<string, { name: NamePair; description?: NamePair }>> = {
  [STRICTEST_PRESET.id]: {
    name: { zh: STRICTEST_PRESET.name, en: 'Strictest (default)' },
    description: {
      zh: STRICTEST_PRESET.description!,
      en: 'The tightest value of each row across documents 000–004; the default policy.',
    },
  },
  'doc-000': { name: { zh: DOCUMENT_PRESETS[0]!.name, en: '000 Chip trading after-sales technical support standard' } },
  'doc-001': { name: { zh: DOCUMENT_PRESETS[1]!.name, en: '001 Electronics after-sales management standard (no time limits)' } },
  'doc-002': { name: { zh: DOCUMENT_PRESETS[2]!.name, en: '002 After-sales service specification, general (GB/T draft)' } },
  'doc-003': { name: { zh: DOCUMENT_PRESETS[3]!.name, en: '003 Xilong Cable after-sales service rules' } },
  'doc-004': { name: { zh: DOCUMENT_PRESETS[4]!.name, en: '004 Industry after-sales service specification (template)' } },
};

// Messages of the eligibility screen (退换货资格判定) and of the decision shown on an RMA. zh-CN first.
import { useSubMessages } from '@/lib/i18n';
import { RMA_MESSAGES } from './messages';

export const ELIGIBILITY_MESSAGES = {
  ...RMA_MESSAGES,
  'elig.title': ['退换货资格判定', 'Return eligibility'],
  'elig.menu': ['资格判定', 'Eligibility'],
  'elig.intro': [
    '录入购买渠道、日期、原因和商品状况，按《消费者权益保护法》、三包规定和合同条款判定各项补救是否可行、截止日期及运费承担。',
    'Enter the channel, dates, reason and condition: each remedy is judged under the Consumer Rights Protection Law, the 三包 rules and the contract.',
  ],
  'elig.requestedOn': ['申请日期', 'Requested on'],
  'elig.condition': ['商品状况', 'Condition'],
  'elig.unused': ['未使用', 'Unused'],
  'elig.packagingIntact': ['包装完好', 'Packaging intact'],
  'elig.accessoriesComplete': ['配件齐全', 'Accessories complete'],
  'elig.activated': ['已激活', 'Activated'],
  'elig.sealBroken': ['封签已拆', 'Seal broken'],
  'elig.customMade': ['定制商品', 'Custom-made'],
  'elig.exclusions': ['购买时买家确认不适用无理由退货的情形', 'Exclusions the buyer confirmed at purchase'],
  'elig.ex.seal_affects_safety': ['拆封后影响人身安全或生命健康', 'Seal affects safety or health'],
  'elig.ex.value_drops_on_activation': ['一经激活价值明显贬损', 'Value drops sharply on activation'],
  'elig.ex.near_expiry_or_disclosed_defect': ['临期或已告知瑕疵', 'Near expiry or disclosed defect'],
  'elig.contract': ['合同条款（天数，留空按法定）', 'Contract terms (days; empty = the law)'],
  'elig.noReasonDays': ['无理由退货天数', 'No-reason return days'],
  'elig.qualityReturnDays': ['质量退货天数', 'Quality return days'],
  'elig.exchangeDays': ['换货天数', 'Exchange days'],
  'elig.sellerPays': ['合同约定卖方承担退货运费', 'Contract: seller pays return postage'],
  'elig.serial': ['序列号（可选）', 'Serial number (optional)'],
  'elig.check': ['判定', 'Check'],
  'elig.result': ['判定结果', 'Decision'],
  'elig.noReasonReturn': ['七日无理由退货', 'No-reason return'],
  'elig.qualityReturn': ['质量问题退货', 'Quality return'],
  'elig.exchange': ['换货', 'Exchange'],
  'elig.repair': ['维修', 'Repair'],
  'elig.allowed': ['可以', 'Allowed'],
  'elig.refused': ['不可以', 'Not allowed'],
  'elig.until': ['截止 {d}', 'until {d}'],
  'elig.noLimit': ['无期限', 'no day limit'],
  'elig.shipping': ['退货运费', 'Return postage'],
  'elig.shipping.seller': ['经营者承担', 'Seller pays'],
  'elig.shipping.consumer': ['消费者承担', 'Consumer pays'],
  'elig.shipping.none': ['—', '—'],
  'elig.unit': ['设备', 'Unit'],
  'elig.onRequest': ['申请时资格判定', 'Eligibility at request'],
  'elig.requested': ['所申请', 'requested'],
  'elig.override': ['经理特批', 'Manager override'],
  'elig.overrideReason': ['特批理由（仅当法律和政策不允许时由售后经理填写）', 'Override reason (managers, only when the law and policy refuse)'],
  'elig.openScreen': ['资格判定', 'Check eligibility'],
} as const;

export const useEligibilityI18n = () => useSubMessages(ELIGIBILITY_MESSAGES);
export type EligibilityKey = keyof typeof ELIGIBILITY_MESSAGES;

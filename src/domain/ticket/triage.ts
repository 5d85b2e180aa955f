import type { Priority } from './ticket.schemas';

// 问题分级 triage: suggest a grade from the words of the description (RULES.md, Priority grades).
// The suggestion is only a hint; a customer-service lead or engineer grades the ticket.
const URGENT_WORDS = ['停产', '停线', '停机', '安全', '起火', '冒烟', '漏电', '触电', '爆炸', '批量', '全部失效', '无法生产', '人身'];
const IMPORTANT_WORDS = ['故障', '异常', '损坏', '无法', '不工作', '不亮', '死机', '报错', '失灵'];

export interface PrioritySuggestion {
  priority: Priority;
  matched: string[];
  reason: { zh: string; en: string };
}

export function suggestPriority(text: string): PrioritySuggestion {
  const urgent = URGENT_WORDS.filter((w) => text.includes(w));
  if (urgent.length > 0) {
    return {
      priority: 'urgent',
      matched: urgent,
      reason: {
        zh: `描述含“${urgent.join('、')}”：生产停止、安全或批量问题按紧急处理`,
        en: `Mentions ${urgent.join(', ')}: production stop, safety or batch failure is urgent`,
      },
    };
  }
  const important = IMPORTANT_WORDS.filter((w) => text.includes(w));
  if (important.length > 0) {
    return {
      priority: 'important',
      matched: important,
      reason: { zh: `描述含“${important.join('、')}”：主要功能故障按重要处理`, en: `Mentions ${important.join(', ')}: a main-function fault is important` },
    };
  }
  return { priority: 'general', matched: [], reason: { zh: '未发现故障或安全关键词：按一般处理', en: 'No fault or safety words: general' } };
}

// Messages of the knowledge base (信息库). zh-CN first.
import { useSubMessages } from '@/lib/i18n';

export const KB_MESSAGES = {
  'kb.menu': ['信息库', 'Knowledge base'],
  'kb.title': ['信息库', 'Knowledge base'],
  'kb.search': ['按关键词搜索文章', 'Search articles'],
  'kb.new': ['新建文章', 'New article'],
  'kb.status': ['状态', 'Status'],
  'kb.articleTitle': ['标题', 'Title'],
  'kb.problem': ['问题现象', 'Problem'],
  'kb.cause': ['原因', 'Cause'],
  'kb.solution': ['解决方法', 'Solution'],
  'kb.models': ['适用型号', 'Product models'],
  'kb.fault': ['故障类别', 'Fault category'],
  'kb.public': ['在客户门户公开', 'Public in the portal'],
  'kb.helpful': ['有帮助', 'This helped'],
  'kb.helpfulCount': ['{n} 人认为有帮助', '{n} found it helpful'],
  'kb.updated': ['更新时间', 'Updated'],
  'kb.save': ['保存', 'Save'],
  'kb.saved': ['已保存', 'Saved'],
  'kb.reason': ['原因', 'Reason'],
  'kb.reasonNeeded': ['请填写原因', 'Give a reason'],
  'kb.move.in_review': ['提交审核', 'Submit for review'],
  'kb.move.published': ['审核通过并发布', 'Approve and publish'],
  'kb.move.draft': ['退回修改', 'Send back'],
  'kb.move.retired': ['停用', 'Retire'],
  'kb.fromTicket': ['写成知识文章', 'Write an article'],
  'kb.source': ['来源工单', 'Source ticket'],
  'kb.suggested': ['相关知识文章', 'Suggested articles'],
  'kb.similar': ['相似的已解决工单', 'Similar solved tickets'],
  'kb.noSuggestions': ['暂无相关文章或相似工单', 'No suggestions yet'],
  'kb.suggestHint': ['根据问题描述推荐', 'From the description'],
  'kb.thanks': ['已记录，谢谢', 'Recorded, thank you'],
  'kb.empty': ['没有文章', 'No articles'],
  'kb.readOnly': ['已发布或已停用的文章不能修改', 'A published or retired article is not edited'],
} as const;

export type KbMessageKey = keyof typeof KB_MESSAGES;
export const useKbI18n = () => useSubMessages(KB_MESSAGES);

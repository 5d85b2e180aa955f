import { defineLifecycle, requiresReason, type Guard, type TransitionContext } from '../lifecycle';

// 信息库文章生命周期 knowledge-article lifecycle: an article written from a solved ticket is checked by a
// second person before anyone relies on it (issue 15: reviewed before publishing), and a published
// article that no longer holds is retired rather than deleted (records are kept: 004 §二(六)).
export const ARTICLE_STATUSES = [
  'draft', // 草稿
  'in_review', // 审核中
  'published', // 已发布
  'retired', // 已停用
] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

const GUARDS = { requiresReason } as Record<'requiresReason', Guard<TransitionContext>>;

export const ARTICLE_LIFECYCLE = defineLifecycle({
  subject: 'kb_article',
  noun: { zh: '知识文章', en: 'An article' },
  statuses: ARTICLE_STATUSES,
  labels: {
    draft: { zh: '草稿', en: 'Draft' },
    in_review: { zh: '审核中', en: 'In review' },
    published: { zh: '已发布', en: 'Published' },
    retired: { zh: '已停用', en: 'Retired' },
  },
  transitions: {
    draft: { in_review: {}, retired: {} },
    // Sent back to its author with what to fix.
    in_review: { published: {}, draft: { requiresReason: true } },
    published: { retired: { requiresReason: true } },
    retired: {},
  },
  guards: GUARDS,
  open: ['draft', 'in_review'],
});

/** Moves only a reviewer may make (publishing is the review). */
export const REVIEW_MOVES: readonly ArticleStatus[] = ['published', 'retired'];
/** Whether the article's text may still be edited (a published one is retired and rewritten instead). */
export const isEditable = (s: ArticleStatus): boolean => s === 'draft' || s === 'in_review';

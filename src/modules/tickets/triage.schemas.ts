import { z } from 'zod';
import { prioritySchema } from '../../domain/ticket/ticket.schemas';

const bilingual = z.object({ zh: z.string(), en: z.string() });

/** The grading suggestion and the evidence behind it (004 二(二) 问题分级标准). */
export const prioritySuggestionOut = z.object({
  priority: prioritySchema,
  matched: z.array(z.string()),
  reason: bilingual,
  evidence: z.array(
    z.object({
      phrase: z.string(),
      rule: z.enum(['production_stop', 'safety', 'core_failure', 'batch_failure', 'fault', 'minor']),
      effect: z.enum(['counts', 'negated', 'lookalike']),
      grade: prioritySchema,
      note: bilingual,
      clause: bilingual,
    }),
  ),
});

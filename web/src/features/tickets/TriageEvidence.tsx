import { Space, Tag, Typography } from 'antd';
import type { ResponseOf } from '@/lib/contract';
import { useI18n } from '@/lib/i18n';

type Evidence = ResponseOf<'suggestPriority'>['evidence'][number];

const EFFECT_COLOR: Record<Evidence['effect'], string | undefined> = { counts: 'blue', negated: undefined, lookalike: undefined };

/**
 * Why the grade was suggested: the caller's words, what they count as, and the clause of 004 that
 * says so. Words that were negated or only look alike are listed too (struck through), so whoever
 * grades sees what the suggestion deliberately ignored.
 */
export function TriageEvidence({ evidence }: { evidence: Evidence[] }) {
  const { t, pick } = useI18n();
  if (evidence.length === 0) return null;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="suggestion-evidence">
      {evidence.map((e) => (
        <li key={`${e.rule}|${e.effect}|${e.phrase}`} data-effect={e.effect} data-rule={e.rule}>
          <Space size={4} wrap>
            <Tag color={EFFECT_COLOR[e.effect]} style={e.effect === 'counts' ? undefined : { textDecoration: 'line-through' }}>
              {e.phrase}
            </Tag>
            <span>{pick(e.note)}</span>
            {e.effect === 'counts' ? <Typography.Text type="secondary">{t('new.evidenceClause', { c: pick(e.clause) })}</Typography.Text> : null}
          </Space>
        </li>
      ))}
    </ul>
  );
}

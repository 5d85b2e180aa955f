import { Alert, Descriptions, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { EVENT_LABELS } from '@/lib/event-labels';
import type { PrivacyRequest } from './api';
import { usePrivacyI18n, type PrivacyMessageKey } from './messages';

/** The order the counts are shown in (the server's ErasureCounts); unknown kinds follow under their key. */
const KINDS = [
  'contacts',
  'mails',
  'attachmentNames',
  'ticketTexts',
  'portalSessions',
  'portalLogins',
  'complaints',
  'repairs',
  'rmas',
  'followups',
  'smsNotices',
  'articles',
  'keysDestroyed',
  'unsealedEvents',
] as const;

const SUBJECT_PATH: Record<string, string> = { ticket: '/tickets', customer: '/customers' };

/**
 * 匿名化结果 of a done erasure: what it anonymised per kind, and the earlier chained events that still
 * hold the person's data in clear (written before crypto-shredding; never rewritten), each linked to
 * its subject so the manager can answer the customer precisely.
 */
export function ErasureResult({ request: r }: { request: PrivacyRequest }) {
  const { t, pick } = usePrivacyI18n();
  const counts = r.erasureCounts ?? {};
  const residue = r.erasureResidue ?? [];
  const known = new Set<string>(KINDS);
  const keys = [...KINDS.filter((k) => k in counts), ...Object.keys(counts).filter((k) => !known.has(k))];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="erasure-result">
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} title={t('pv.erased.title')}>
        {keys.map((k) => (
          <Descriptions.Item key={k} label={known.has(k) ? t(`pv.erased.${k}` as PrivacyMessageKey) : k}>
            {counts[k]}
          </Descriptions.Item>
        ))}
      </Descriptions>
      {residue.length === 0 ? (
        <Alert type="success" showIcon message={t('pv.residue.none')} />
      ) : (
        <Alert
          type="warning"
          showIcon
          data-testid="erasure-residue"
          message={t('pv.residue.title', { n: residue.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {residue.map((e) => {
                const path = SUBJECT_PATH[e.subjectType];
                // Named in the user's language: the record kind and the event, never the API's codes.
                const label = `${path ? t(`pv.residue.subject.${e.subjectType}` as PrivacyMessageKey) : t('pv.residue.subject.other')} ${e.subjectId.slice(0, 8)}`;
                const event = EVENT_LABELS[e.type] ? pick(EVENT_LABELS[e.type]) : t('pv.residue.event.other');
                return (
                  <li key={`${e.subjectType}:${e.subjectId}:${e.seq}`}>
                    {path ? <Link to={`${path}/${e.subjectId}`}>{label}</Link> : <Typography.Text>{label}</Typography.Text>}{' '}
                    <Typography.Text type="secondary">{t('pv.residue.seq', { seq: e.seq, type: event })}</Typography.Text>
                  </li>
                );
              })}
            </ul>
          }
        />
      )}
    </Space>
  );
}

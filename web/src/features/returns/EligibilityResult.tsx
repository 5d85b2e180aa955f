import { Card, Col, Descriptions, List, Row, Tag, Typography } from 'antd';
import type { ResponseOf } from '@/lib/contract';
import { useEligibilityI18n } from './eligibility-messages';

// 资格判定结果: each remedy allowed or not, until when, and why — citing document and clause — plus
// who pays return postage. Used by the eligibility screen and on each RMA card.

type Decision = Omit<ResponseOf<'checkReturnEligibility'>, 'serialUnit'>;
type Reason = Decision['repair']['reasons'][number];
export const REMEDIES = ['noReasonReturn', 'qualityReturn', 'exchange', 'repair'] as const;

function Reasons({ reasons }: { reasons: Reason[] }) {
  const { locale } = useEligibilityI18n();
  const en = locale === 'en';
  return (
    <List
      size="small"
      split={false}
      dataSource={reasons}
      renderItem={(r) => (
        <List.Item style={{ padding: '2px 0', display: 'block' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {en ? r.rule : r.ruleZh}
          </Typography.Text>
          <div>{en ? r.textEn : r.text}</div>
        </List.Item>
      )}
    />
  );
}

export function EligibilityResult({ decision, highlight, compact }: { decision: Decision; highlight?: string; compact?: boolean }) {
  const { t } = useEligibilityI18n();
  return (
    <div data-testid="eligibility-result">
      <Row gutter={[12, 12]}>
        {REMEDIES.map((k) => {
          const r = decision[k];
          return (
            <Col key={k} xs={24} md={12} xl={compact ? 12 : 6}>
              <Card
                size="small"
                data-testid={`elig-${k}`}
                style={highlight === k ? { borderColor: '#1677ff' } : undefined}
                title={
                  <span>
                    {t(`elig.${k}`)}
                    {highlight === k ? <Tag style={{ marginLeft: 6 }}>{t('elig.requested')}</Tag> : null}
                  </span>
                }
                extra={
                  <Tag color={r.allowed ? 'green' : 'red'} data-testid={`elig-${k}-allowed`}>
                    {r.allowed ? t('elig.allowed') : t('elig.refused')}
                  </Tag>
                }
              >
                {r.until || r.allowed ? <Typography.Text strong>{r.until ? t('elig.until', { d: r.until }) : t('elig.noLimit')}</Typography.Text> : null}
                <Reasons reasons={r.reasons} />
              </Card>
            </Col>
          );
        })}
      </Row>
      <Descriptions size="small" style={{ marginTop: 12 }} column={1}>
        <Descriptions.Item label={t('elig.shipping')}>
          <span data-testid="elig-shipping">{t(`elig.shipping.${decision.returnShippingPaidBy ?? 'none'}`)}</span>
        </Descriptions.Item>
      </Descriptions>
      {decision.returnShippingReasons.length ? <Reasons reasons={decision.returnShippingReasons} /> : null}
    </div>
  );
}

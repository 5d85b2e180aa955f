import { App, Button, Drawer, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { DISPATCH_MODE_LABELS } from '@domain/repair/dispatch-rank';
import { fmtDateTime } from '@/lib/format';
import { errorText } from '@/lib/http';
import { useAssign, useCandidates, type BoardOrder } from './api';
import { useDispatchI18n } from './messages';

// 候选工程师 The ranked engineers for one order with the reasons, and one-click dispatch. The order's
// version as the board showed it goes with the dispatch, so a colleague's earlier dispatch wins (409).
export function CandidatesDrawer({ order, onClose }: { order: BoardOrder | null; onClose: () => void }) {
  const { t, locale } = useDispatchI18n();
  const { message } = App.useApp();
  const c = useCandidates(order?.id ?? null);
  const assign = useAssign();
  const pick = (l: { zh: string; en: string }) => (locale === 'en' ? l.en : l.zh);
  const job = c.data?.job;
  const needs = job ? [job.category, job.model, job.faultLabel, job.region].filter(Boolean).join(' · ') : '';
  return (
    <Drawer
      open={Boolean(order)}
      onClose={onClose}
      width="min(600px, 100vw)"
      title={order ? t('dp.candidatesFor', { number: order.number }) : ''}
      data-testid="candidates-drawer"
      destroyOnHidden
    >
      {c.isLoading || !c.data ? (
        <Spin />
      ) : (
        <>
          <Space direction="vertical" size={4} style={{ marginBottom: 12 }}>
            <Typography.Text>
              {t('dp.job')}：{needs || t('dp.job.none')}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('dp.mode')}：{pick(DISPATCH_MODE_LABELS[c.data.teamMode])}
              {c.data.team ? `（${c.data.team}）` : ''}
            </Typography.Text>
          </Space>
          {!c.data.candidates.length ? (
            <Empty />
          ) : (
            <List
              dataSource={c.data.candidates}
              renderItem={(x) => (
                <List.Item
                  data-testid={`candidate-${x.engineer.displayName}`}
                  actions={[
                    <Button
                      key="assign"
                      type={x.rank === 1 ? 'primary' : 'default'}
                      size="large"
                      data-testid={`assign-${x.engineer.displayName}`}
                      loading={assign.isPending && assign.variables?.engineerId === x.engineer.id}
                      disabled={c.data.repair.dispatchState === 'accepted'}
                      onClick={() =>
                        assign.mutate(
                          { repairId: c.data.repair.id, engineerId: x.engineer.id, version: order!.version },
                          {
                            onSuccess: () => {
                              message.success(t('dp.assigned', { name: x.engineer.displayName }));
                              onClose();
                            },
                            onError: (e) => message.error(errorText(e)),
                          },
                        )
                      }
                    >
                      {t('dp.assign')}
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <Typography.Text strong>
                          {x.rank}. {x.engineer.displayName}
                        </Typography.Text>
                        {x.engineer.team && <Typography.Text type="secondary">{x.engineer.team}</Typography.Text>}
                        {x.rank === 1 && x.eligible && <Tag color="gold">{t('dp.best')}</Tag>}
                        <Tag color={x.eligible ? 'green' : 'default'}>{x.eligible ? t('dp.eligible') : t('dp.notEligible')}</Tag>
                      </Space>
                    }
                    description={
                      <Space direction="vertical" size={4}>
                        <Space size={[4, 4]} wrap>
                          {x.reasons.map((r) => (
                            <Tag key={r.zh} color={/^(不|无|已满)/.test(r.zh) ? 'orange' : undefined}>
                              {pick(r)}
                            </Tag>
                          ))}
                        </Space>
                        <Typography.Text type="secondary">
                          {t('dp.next')}：{x.nextAppointmentAt ? fmtDateTime(x.nextAppointmentAt) : t('dp.noNext')}
                        </Typography.Text>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </>
      )}
    </Drawer>
  );
}

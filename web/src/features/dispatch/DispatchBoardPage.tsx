import { ClockCircleOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Progress, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { DISPATCH_MODE_LABELS } from '@domain/repair/dispatch-rank';
import { REPAIR_LIFECYCLE } from '@domain/repair/repair.status';
import { fmtDateTime } from '@/lib/format';
import { useBoard, type BoardOrder } from './api';
import { CandidatesDrawer } from './CandidatesDrawer';
import { useDispatchI18n } from './messages';

// 派单看板 For service managers: the orders nobody has yet (with their candidates and a one-click
// dispatch) beside each engineer's open orders, load against capacity and next visit. Two columns
// at 1440px; on a tablet the waiting orders come first and engineers follow two to a row.
export default function DispatchBoardPage() {
  const { t, locale } = useDispatchI18n();
  const pick = (l: { zh: string; en: string }) => (locale === 'en' ? l.en : l.zh);
  const [team, setTeam] = useState<string | undefined>();
  const [open, setOpen] = useState<BoardOrder | null>(null);
  const board = useBoard(team);
  const teams = board.data?.teams ?? [];
  const teamMode = teams.find((x) => x.team === team) ?? teams.find((x) => x.team === '*');

  const orderCard = (o: BoardOrder, withDispatch: boolean) => (
    <Card
      key={o.id}
      size="small"
      style={{ marginBottom: 8 }}
      data-testid={`board-order-${o.number}`}
      title={
        <Space size={4}>
          <Link to={`/tickets/${o.ticket.id}`}>{o.number}</Link>
          <Tag>{o.mode === 'field' ? t('dp.field') : t('dp.factory')}</Tag>
        </Space>
      }
      extra={
        withDispatch ? (
          <Button type="primary" onClick={() => setOpen(o)} data-testid={`candidates-${o.number}`}>
            {t('dp.candidates')}
          </Button>
        ) : null
      }
    >
      <Space direction="vertical" size={2} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Tag color="blue">{pick(REPAIR_LIFECYCLE.labels[o.status])}</Tag>
          {o.dispatchState === 'pool' && <Tag color="purple">{t('dp.inPool')}</Tag>}
          {o.dispatchState === 'offered' && <Tag color="orange">{t('dp.offered')}</Tag>}
          {o.dispatchState === 'accepted' && <Tag color="green">{t('dp.accepted')}</Tag>}
        </Space>
        <Typography.Text ellipsis>
          {o.ticket.customerName} · {o.ticket.title}
        </Typography.Text>
        {o.siteAddress && (
          <Typography.Text type="secondary" ellipsis>
            <EnvironmentOutlined /> {o.siteAddress}
          </Typography.Text>
        )}
        <Space wrap size={8}>
          {o.faultLabel && <Typography.Text type="secondary">{o.faultLabel}</Typography.Text>}
          {o.appointmentFrom && (
            <Typography.Text>
              {t('dp.appointment')} {fmtDateTime(o.appointmentFrom)}
            </Typography.Text>
          )}
          {o.onSiteDueAt && (
            <Typography.Text type="warning">
              <ClockCircleOutlined /> {t('dp.onSiteDue')} {fmtDateTime(o.onSiteDueAt)}
            </Typography.Text>
          )}
        </Space>
      </Space>
    </Card>
  );

  return (
    <div data-testid="dispatch-board">
      <Space wrap align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('dp.board.title')}
        </Typography.Title>
        <Select
          style={{ minWidth: 200 }}
          size="large"
          value={team ?? ''}
          onChange={(v) => setTeam(v || undefined)}
          options={[{ value: '', label: t('dp.team.all') }, ...teams.filter((x) => x.team !== '*').map((x) => ({ value: x.team, label: x.team }))]}
          aria-label={t('dp.team')}
          data-testid="board-team"
        />
        {teamMode && team && (
          <Tag color="geekblue">
            {t('dp.mode')}：{pick(DISPATCH_MODE_LABELS[teamMode.mode])}
          </Tag>
        )}
      </Space>
      {board.data?.truncated && <Alert type="info" showIcon message={t('dp.truncated')} style={{ marginBottom: 12 }} />}
      {board.isLoading || !board.data ? (
        <Spin />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={9} xl={8}>
            <Card
              title={`${t('dp.undispatched')}（${board.data.undispatched.length}）`}
              styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflow: 'auto' } }}
              data-testid="board-undispatched"
            >
              {board.data.undispatched.length ? board.data.undispatched.map((o) => orderCard(o, true)) : <Empty description={t('dp.undispatched.none')} />}
            </Card>
          </Col>
          <Col xs={24} lg={15} xl={16}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('dp.engineers')}
            </Typography.Title>
            <Row gutter={[12, 12]}>
              {board.data.engineers.map((e) => (
                <Col key={e.engineer.id} xs={24} md={12} xxl={8}>
                  <Card
                    size="small"
                    data-testid={`board-engineer-${e.engineer.displayName}`}
                    title={
                      <Space size={6} wrap>
                        <Typography.Text strong>{e.engineer.displayName}</Typography.Text>
                        {e.engineer.team && <Typography.Text type="secondary">{e.engineer.team}</Typography.Text>}
                      </Space>
                    }
                    extra={
                      <Typography.Text>{e.capacity ? t('dp.loadOf', { n: e.openLoad, cap: e.capacity }) : t('dp.load', { n: e.openLoad })}</Typography.Text>
                    }
                  >
                    {e.capacity != null && (
                      <Progress
                        percent={Math.min(100, Math.round((e.openLoad / e.capacity) * 100))}
                        showInfo={false}
                        size="small"
                        status={e.openLoad >= e.capacity ? 'exception' : 'normal'}
                      />
                    )}
                    <Space wrap size={[4, 4]} style={{ marginBottom: 8 }}>
                      {[...e.categories, ...e.regions].map((x) => (
                        <Tag key={x}>{x}</Tag>
                      ))}
                    </Space>
                    <div style={{ marginBottom: 8 }}>
                      <Typography.Text type="secondary">
                        {t('dp.next')}：{e.nextAppointmentAt ? fmtDateTime(e.nextAppointmentAt) : t('dp.noNext')}
                      </Typography.Text>
                    </div>
                    {e.orders.length ? e.orders.map((o) => orderCard(o, false)) : <Typography.Text type="secondary">{t('dp.noOrders')}</Typography.Text>}
                  </Card>
                </Col>
              ))}
            </Row>
          </Col>
        </Row>
      )}
      <CandidatesDrawer order={open} onClose={() => setOpen(null)} />
    </div>
  );
}

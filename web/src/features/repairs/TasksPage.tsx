import { EnvironmentOutlined, PhoneOutlined, ToolOutlined } from '@ant-design/icons';
import { Card, DatePicker, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { REPAIR_LIFECYCLE } from '@domain/repair/repair.status';
import { useMe } from '@/features/auth/api';
import { fmtDateTime } from '@/lib/format';
import { useMyTasks, usePool } from './api';
import { ActionButton } from './ActionButton';
import { useRepairI18n } from './messages';
import { RepairActions } from './RepairActions';
import { localDate } from '@domain/shared/local-date';

// 今日任务 The engineer's visits of a day in time order: when, where, whom to call, what to bring, and
// the on-site actions (check in, on-site record, the customer's signature) right on the card. Built
// for a tablet: one column, large touch targets, no table.
export default function TasksPage() {
  const { t, pick } = useRepairI18n();
  const me = useMe().data;
  // Today in China (the service's working time zone), not the device's: between 00:00 and 08:00 China
  // time a tablet set to UTC would still show yesterday's visits.
  const [date, setDate] = useState(() => localDate(new Date()));
  const tasks = useMyTasks(date);
  const pool = usePool();
  if (!me) return <Spin />;
  return (
    <div style={{ maxWidth: 960, margin: '0 auto' }} data-testid="tasks-page">
      <Space style={{ marginBottom: 16 }} wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('tasks.title')}
        </Typography.Title>
        <DatePicker value={dayjs(date)} allowClear={false} size="large" onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} data-testid="tasks-date" />
      </Space>
      {tasks.isLoading ? (
        <Spin />
      ) : !tasks.data?.items.length ? (
        <Empty description={t('tasks.none')} />
      ) : (
        <List
          dataSource={tasks.data.items}
          renderItem={(task) => {
            const r = task.repair;
            return (
              <Card
                key={r.id}
                style={{ marginBottom: 12 }}
                data-testid={`task-${r.number}`}
                title={
                  <Space wrap>
                    <Typography.Text strong style={{ fontSize: 18 }}>
                      {r.field.appointmentFrom
                        ? `${dayjs(r.field.appointmentFrom).format('HH:mm')}–${r.field.appointmentTo ? dayjs(r.field.appointmentTo).format('HH:mm') : ''}`
                        : t('tasks.noAppointment')}
                    </Typography.Text>
                    <Typography.Text>{task.customerName}</Typography.Text>
                    <Tag>{pick(REPAIR_LIFECYCLE.labels[r.status])}</Tag>
                  </Space>
                }
                extra={<Link to={`/tickets/${task.ticket.id}`}>{t('tasks.openTicket')}</Link>}
              >
                <Space direction="vertical" size={8} style={{ width: '100%', fontSize: 16 }}>
                  <Typography.Text style={{ fontSize: 16 }}>
                    <EnvironmentOutlined /> {task.address ?? '—'}
                  </Typography.Text>
                  <Typography.Text style={{ fontSize: 16 }}>
                    <PhoneOutlined /> {t('tasks.contact')}：{task.contact?.name ?? '—'}{' '}
                    {task.contact?.phone ? <a href={`tel:${task.contact.phone.replace(/\s/g, '')}`}>{task.contact.phone}</a> : null}
                  </Typography.Text>
                  <Typography.Text style={{ fontSize: 16 }}>
                    <ToolOutlined /> {t('tasks.parts')}：
                    {task.partsToBring.length ? task.partsToBring.map((p) => `${p.name}（${p.code}）× ${p.quantity}`).join('、') : t('tasks.noParts')}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {task.ticket.number} · {task.ticket.title}
                    {r.field.checkInAt ? ` · ${t('rp.checkedIn', { at: fmtDateTime(r.field.checkInAt) })}` : ''}
                  </Typography.Text>
                  <RepairActions r={r} me={me} />
                </Space>
              </Card>
            );
          }}
        />
      )}
      {/* 抢单池: orders a dispatcher offered to every engineer; the first to grab one gets it. */}
      <Card title={t('pool.title')} style={{ marginTop: 16 }} data-testid="pool">
        {pool.data?.items.length ? (
          <List
            dataSource={pool.data.items}
            renderItem={(r) => (
              <List.Item
                key={r.id}
                actions={[<ActionButton key="grab" repairId={r.id} path="grab" label={t('rp.grab')} testId={`grab-${r.number}`} type="primary" />]}
              >
                <List.Item.Meta
                  title={`${r.number} · ${t(`rp.mode.${r.mode}`)}`}
                  description={[r.siteAddress, r.diagnosis ? `${r.diagnosis.faultLabel}：${r.diagnosis.findings}` : null].filter(Boolean).join(' · ')}
                />
              </List.Item>
            )}
          />
        ) : (
          <Empty description={t('pool.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>
    </div>
  );
}

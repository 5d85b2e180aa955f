import { Button, DatePicker, List, Popover, Progress, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { App } from 'antd';
import { errorText } from '@/lib/http';
import { useQualityReports, useRequestQualityReport } from './api';
import { useReportI18n, type ReportMessageKey } from './messages';

/** 服务质量分析报告: pick a month, generate in the background, follow the progress, download. */
export function ReportPanel() {
  const { t } = useReportI18n();
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month'));
  const reports = useQualityReports();
  const request = useRequestQualityReport();
  const items = reports.data?.items ?? [];
  const generate = () =>
    request.mutate(month.format('YYYY-MM'), {
      onError: (e) => void message.error(errorText(e)),
    });
  const list = (
    <List
      style={{ width: 380 }}
      size="small"
      locale={{ emptyText: t('rep.report.none') }}
      dataSource={items.slice(0, 8)}
      renderItem={(r) => (
        <List.Item data-testid="quality-report-item">
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Space>
              <Typography.Text strong>{r.period}</Typography.Text>
              <Tag color={r.status === 'done' ? 'success' : r.status === 'failed' ? 'error' : 'processing'}>
                {t(`rep.report.${r.status}` as ReportMessageKey)}
              </Tag>
            </Space>
            {r.status === 'done' ? (
              <Space>
                <a href={`/api/v1/reports/quality/${r.id}/report.pdf`} target="_blank" rel="noreferrer" data-testid="quality-report-pdf">
                  {t('rep.report.pdf')}
                </a>
                <a href={`/api/v1/reports/quality/${r.id}/report.xlsx`} data-testid="quality-report-xlsx">
                  {t('rep.report.xlsx')}
                </a>
              </Space>
            ) : (
              <Progress percent={r.progress} size="small" status={r.status === 'failed' ? 'exception' : 'active'} />
            )}
          </Space>
        </List.Item>
      )}
    />
  );
  return (
    <Space wrap>
      <span>{t('rep.report.month')}</span>
      <DatePicker picker="month" value={month} allowClear={false} onChange={(v) => v && setMonth(v)} data-testid="quality-report-month" />
      <Button type="primary" loading={request.isPending} onClick={generate} data-testid="quality-report-generate">
        {t('rep.report.generate')}
      </Button>
      <Popover content={list} title={t('rep.report')} trigger="click" placement="bottomRight">
        <Button data-testid="quality-report-list">
          {t('rep.report')}
          {items.length ? ` (${items.length})` : ''}
        </Button>
      </Popover>
    </Space>
  );
}

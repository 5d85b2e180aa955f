import { Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSmsSettings } from '@/features/channels/api';
import { useI18n } from '@/lib/i18n';
import { useResetTemplate, useTemplates, type MessageTemplate, type TemplateChannel } from './api';
import { mailText, channelKeyLabel, VARIABLE_LABELS } from './messages';
import TemplateEditor from './TemplateEditor';

/**
 * 消息模板: the wording of each channel — customer mail per event and language, SMS as registered with
 * the gateway, group-robot cards per event; an edit is previewed with sample values before it is saved.
 */
export default function TemplatesPanel() {
  const { locale } = useI18n();
  const m = mailText(locale);
  const i = locale === 'en' ? 1 : 0;
  const [channel, setChannel] = useState<TemplateChannel>('email');
  const { data, isLoading } = useTemplates(channel);
  const reset = useResetTemplate();
  const [editing, setEditing] = useState<MessageTemplate | null>(null);
  const smsCodes = useSmsCodes(channel === 'sms');
  const subjectColumn =
    channel === 'email'
      ? [{ title: m('subject'), dataIndex: 'subject', ellipsis: true }]
      : channel === 'robot'
        ? [{ title: m('cardTitle'), dataIndex: 'subject', ellipsis: true }]
        : [
            {
              title: m('smsCode'),
              dataIndex: 'key',
              width: 160,
              render: (k: string) => smsCodes[k] || <Typography.Text type="secondary">{m('smsCodeMissing')}</Typography.Text>,
            },
            { title: m('smsBody'), dataIndex: 'body', ellipsis: true },
          ];
  return (
    <>
      <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
        <Segmented<TemplateChannel>
          value={channel}
          onChange={setChannel}
          data-testid="template-channel"
          options={[
            { value: 'email', label: m('channelEmail') },
            { value: 'sms', label: m('channelSms') },
            { value: 'robot', label: m('channelRobot') },
          ]}
        />
        {channel === 'robot' ? <Typography.Text type="secondary">{m('robotHint')}</Typography.Text> : null}
        {channel === 'sms' ? <Typography.Text type="secondary">{m('smsCodeHint')}</Typography.Text> : null}
        <Typography.Text type="secondary">
          {m('variables')}：{data?.variables.map((v) => `{${v}} ${VARIABLE_LABELS[v]?.[i] ?? ''}`).join('　')}
        </Typography.Text>
      </Space>
      <Table<MessageTemplate>
        rowKey={(r) => `${r.channel}/${r.key}/${r.locale}`}
        size="small"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={false}
        data-testid="templates-table"
        scroll={{ x: 640 }}
        columns={[
          { title: m('event'), dataIndex: 'key', width: 220, render: (k: string) => channelKeyLabel(channel, k, i) },
          ...(channel === 'email' ? [{ title: m('language'), dataIndex: 'locale', width: 90, render: (l: string) => (l === 'en' ? 'English' : '中文') }] : []),
          ...subjectColumn,
          {
            title: '',
            dataIndex: 'customised',
            width: 80,
            render: (c: boolean) => (c ? <Tag color="blue">{m('customised')}</Tag> : <Tag>{m('builtIn')}</Tag>),
          },
          {
            title: m('actions'),
            width: 170,
            render: (_: unknown, r) => (
              <Space>
                <Button size="small" onClick={() => setEditing(r)} data-testid={`edit-${r.key}-${r.locale}`}>
                  {m('edit')}
                </Button>
                {r.customised ? (
                  <Button
                    size="small"
                    onClick={() => reset.mutate({ channel: r.channel, key: r.key, locale: r.locale })}
                    data-testid={`reset-${r.key}-${r.locale}`}
                  >
                    {m('reset')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {editing ? <TemplateEditor template={editing} providerCode={smsCodes[editing.key]} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

/** The gateway's template code / ID per SMS purpose: kept with the gateway settings, shown here beside the wording. */
function useSmsCodes(enabled: boolean): Record<string, string> {
  const stored = useSmsSettings(enabled).data?.settings;
  if (!enabled || !stored) return {};
  return { code: stored.templateCode, notice: stored.templateNotice };
}

import { Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { ResponseOf } from '@/lib/contract';
import { fmtDateTime } from '@/lib/format';
import { api } from '@/lib/http';
import { useChannelMessages, type ChannelMessageKey } from './messages';

/** The one chain every channel-settings change is written on (src/modules/audit/settings-audit.ts). */
const CHAIN = '/audit/channel_settings/00000000-0000-4000-8000-0000000c4a77';

// Field names as the settings forms call them; a name not listed is shown as it is.
const FIELDS: Record<string, readonly [string, string]> = {
  provider: ['服务商', 'provider'],
  accessKeyId: ['AccessKey ID', 'AccessKey ID'],
  accessKeySecret: ['AccessKey Secret', 'AccessKey secret'],
  signName: ['短信签名', 'signature'],
  templateCode: ['验证码模板', 'code template'],
  templateNotice: ['状态通知模板', 'notice template'],
  appId: ['SdkAppId', 'SdkAppId'],
  region: ['地域', 'region'],
  endpoint: ['接口地址', 'endpoint'],
  enabled: ['启用', 'enabled'],
  team: ['团队', 'team'],
  platform: ['平台', 'platform'],
  name: ['名称', 'name'],
  signed: ['加签', 'signed'],
  events: ['事件', 'events'],
  webhookUrl: ['Webhook 地址', 'webhook URL'],
  secret: ['签名密钥', 'signing secret'],
  url: ['推送地址', 'URL'],
  host: ['SMTP 服务器', 'SMTP host'],
  port: ['端口', 'port'],
  secure: ['SSL/TLS', 'TLS'],
  username: ['用户名', 'user name'],
  password: ['密码', 'password'],
  fromAddress: ['发件人', 'from'],
};

interface Change {
  field: string;
  from: unknown;
  to: unknown;
}
type Event = ResponseOf<'listAuditEvents'>['items'][number];

/** 变更记录: who changed which channel setting and how; secrets only as "changed". */
export default function ChangesTab() {
  const { t, locale } = useChannelMessages();
  const events = useQuery({ queryKey: ['audit', 'channel_settings'], queryFn: () => api<ResponseOf<'listAuditEvents'>>(CHAIN) });
  const field = (f: string) => FIELDS[f]?.[locale === 'en' ? 1 : 0] ?? f;
  const value = (v: unknown) => {
    if (v === null || v === undefined || v === '') return t('ch.chg.none');
    if (typeof v === 'boolean') return v ? t('ch.chg.yes') : t('ch.chg.no');
    if (Array.isArray(v)) return v.join('、');
    return String(v);
  };
  const rows = [...(events.data?.items ?? [])].reverse();
  return (
    <Table<Event>
      rowKey="id"
      size="small"
      loading={events.isLoading}
      dataSource={rows}
      pagination={{ pageSize: 20 }}
      locale={{ emptyText: t('ch.chg.empty') }}
      data-testid="channel-changes"
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('ch.chg.at'), dataIndex: 'at', width: 170, render: (at: string) => fmtDateTime(at) },
        { title: t('ch.chg.who'), dataIndex: 'actorName', width: 120 },
        {
          title: t('ch.chg.what'),
          width: 220,
          render: (_, e) => {
            const d = (e.data ?? {}) as { area?: string; action?: string; target?: { name: string } | null };
            return (
              <span>
                <Tag>{t(`ch.chg.area.${d.area}` as ChannelMessageKey)}</Tag>
                {t(`ch.chg.action.${d.action}` as ChannelMessageKey)}
                {d.target ? ` · ${d.target.name}` : ''}
              </span>
            );
          },
        },
        {
          title: t('ch.chg.changes'),
          render: (_, e) => {
            const d = (e.data ?? {}) as { changes?: Change[]; secretsChanged?: string[] };
            return (
              <div style={{ maxWidth: 640, whiteSpace: 'normal' }}>
                {(d.changes ?? []).map((c) => (
                  <div key={c.field}>
                    {field(c.field)}：{value(c.from)} → {value(c.to)}
                  </div>
                ))}
                {(d.secretsChanged ?? []).map((s) => (
                  <div key={s} style={{ color: 'rgba(0,0,0,.55)' }}>
                    {t('ch.chg.secretChanged', { field: field(s) })}
                  </div>
                ))}
              </div>
            );
          },
        },
      ]}
    />
  );
}

import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import ChangesTab from './ChangesTab';
import { useChannelMessages } from './messages';
import RobotsTab from './RobotsTab';
import SmsTab from './SmsTab';
import WebhooksTab from './WebhooksTab';

// 消息渠道设置 (administrators): the SMS gateway, the teams' group robots and outbound webhooks, and the
// record of every change to them (and to the SMTP settings).
export default function ChannelsPage() {
  const { t } = useChannelMessages();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'sms';
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setParams({ tab: k }, { replace: true })}
      destroyOnHidden
      items={[
        { key: 'sms', label: t('ch.tab.sms'), children: <SmsTab /> },
        { key: 'robots', label: t('ch.tab.robots'), children: <RobotsTab /> },
        { key: 'webhooks', label: t('ch.tab.webhooks'), children: <WebhooksTab /> },
        { key: 'changes', label: t('ch.tab.changes'), children: <ChangesTab /> },
      ]}
    />
  );
}

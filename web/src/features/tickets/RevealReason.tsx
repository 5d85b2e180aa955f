import { App, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/messages';
import { askReason } from './reason-modal';

// Revealing a contact needs a reason, and most are the same few: offer them as one click, and the
// ones this browser used last, so the audit trail gets a real reason rather than "看一下".
const COMMON: MessageKey[] = ['reveal.reason.callback', 'reveal.reason.visit', 'reveal.reason.ship'];
const STORE = 'shouhou.revealReasons';
const KEEP = 5;

export function recentRevealReasons(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(STORE) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, KEEP) : [];
  } catch {
    return [];
  }
}

export function rememberRevealReason(reason: string): void {
  try {
    localStorage.setItem(STORE, JSON.stringify([reason, ...recentRevealReasons().filter((r) => r !== reason)].slice(0, KEEP)));
  } catch {
    // Private mode or a full store: the reasons are a convenience only.
  }
}

function ReasonField(props: {
  common: string[];
  recent: string[];
  labels: { common: string; recent: string; placeholder: string };
  onChange: (v: string) => void;
}) {
  const [value, setValue] = useState('');
  const set = (v: string) => {
    setValue(v);
    props.onChange(v);
  };
  const chips = (title: string, items: string[], testid: string) =>
    items.length ? (
      <div>
        <Typography.Text type="secondary">{title}：</Typography.Text>
        <Space size={4} wrap>
          {items.map((r) => (
            <Tag.CheckableTag key={r} checked={value === r} onChange={() => set(r)} data-testid={testid}>
              {r}
            </Tag.CheckableTag>
          ))}
        </Space>
      </div>
    ) : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {chips(props.labels.recent, props.recent, 'reveal-recent')}
      {chips(props.labels.common, props.common, 'reveal-common')}
      <Input.TextArea
        autoFocus
        rows={3}
        value={value}
        placeholder={props.labels.placeholder}
        onChange={(e) => set(e.target.value)}
        data-testid="reason-input"
      />
    </Space>
  );
}

/** Asks why contact data is to be revealed; resolves with the reason (remembered), or null when cancelled. */
export function useRevealPrompt() {
  const { modal } = App.useApp();
  const { t } = useI18n();
  return async () => {
    const recent = recentRevealReasons();
    const reason = await askReason(modal, t, {
      title: t('ticket.revealTitle'),
      content: (onChange) => (
        <div>
          <Typography.Paragraph type="secondary">{t('ticket.revealHint')}</Typography.Paragraph>
          <ReasonField
            common={COMMON.map((k) => t(k)).filter((r) => !recent.includes(r))}
            recent={recent}
            labels={{ common: t('reveal.common'), recent: t('reveal.recent'), placeholder: t('common.reason') }}
            onChange={onChange}
          />
        </div>
      ),
    });
    if (reason) rememberRevealReason(reason);
    return reason;
  };
}

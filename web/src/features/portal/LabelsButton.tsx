import { QrcodeOutlined } from '@ant-design/icons';
import { App, Button, InputNumber, Space } from 'antd';
import { useState } from 'react';
import { useSubMessages } from '@/lib/i18n';

const MESSAGES = {
  'labels.print': ['二维码标签', 'QR labels'],
  'labels.hint': [
    '打印所选设备的二维码标签（未选择时打印本页全部），客户扫码即可报修',
    'Print QR labels for the selected units (or the whole page); customers scan them to request a repair',
  ],
  'labels.blank': ['空白标签', 'Blank labels'],
  'labels.blankHint': [
    '打印尚未对应设备的二维码标签（每张 A4 24 个）：工作人员首次扫码时绑定到设备',
    'Print QR labels not yet tied to a unit (24 an A4 sheet): staff bind each to a unit at its first scan',
  ],
  'labels.count': ['张数', 'Count'],
  'labels.failed': ['标签生成失败', 'Could not make the labels'],
} as const satisfies Record<string, readonly [string, string]>;

/** Posts for a label PDF and opens it in a new tab to print (opened first, so no pop-up block). */
function usePrint() {
  const { t } = useSubMessages(MESSAGES);
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const print = async (path: string, body: unknown) => {
    setBusy(true);
    const tab = window.open('', '_blank');
    try {
      const res = await fetch(path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(String(res.status));
      const url = URL.createObjectURL(await res.blob());
      if (tab) tab.location.href = url;
      else window.location.href = url;
    } catch {
      tab?.close();
      message.error(t('labels.failed'));
    } finally {
      setBusy(false);
    }
  };
  return { t, busy, print };
}

/** 二维码标签: A4 label sheets (PDF) for the given serial units. */
export function LabelsButton({ unitIds }: { unitIds: string[] }) {
  const { t, busy, print } = usePrint();
  return (
    <Button
      icon={<QrcodeOutlined />}
      onClick={() => void print('/api/v1/portal/labels', { serialUnitIds: unitIds })}
      loading={busy}
      disabled={unitIds.length === 0}
      title={t('labels.hint')}
      data-testid="unit-labels"
    >
      {t('labels.print')}
    </Button>
  );
}

/** 空白标签: sheets of labels bound to a unit at the first staff scan. */
export function BlankLabelsButton() {
  const { t, busy, print } = usePrint();
  const [count, setCount] = useState(24);
  return (
    <Space.Compact title={t('labels.blankHint')}>
      <InputNumber
        min={1}
        max={240}
        value={count}
        onChange={(v) => setCount(v ?? 24)}
        aria-label={t('labels.count')}
        style={{ width: 80 }}
        data-testid="blank-labels-count"
      />
      <Button icon={<QrcodeOutlined />} onClick={() => void print('/api/v1/portal/blank-labels', { count })} loading={busy} data-testid="blank-labels">
        {t('labels.blank')}
      </Button>
    </Space.Compact>
  );
}

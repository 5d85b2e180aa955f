import { QrcodeOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useSubMessages } from '@/lib/i18n';

const MESSAGES = {
  'labels.print': ['二维码标签', 'QR labels'],
  'labels.hint': [
    '打印所选设备的二维码标签（未选择时打印本页全部），客户扫码即可报修',
    'Print QR labels for the selected units (or the whole page); customers scan them to request a repair',
  ],
  'labels.failed': ['标签生成失败', 'Could not make the labels'],
} as const satisfies Record<string, readonly [string, string]>;

/** 二维码标签: A4 label sheets (PDF) for the given serial units, opened in a new tab to print. */
export function LabelsButton({ unitIds }: { unitIds: string[] }) {
  const { t } = useSubMessages(MESSAGES);
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const print = async () => {
    setBusy(true);
    // Opened before the await so the browser does not block it as a pop-up.
    const tab = window.open('', '_blank');
    try {
      const res = await fetch('/api/v1/portal/labels', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serialUnitIds: unitIds }),
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
  return (
    <Button
      icon={<QrcodeOutlined />}
      onClick={() => void print()}
      loading={busy}
      disabled={unitIds.length === 0}
      title={t('labels.hint')}
      data-testid="unit-labels"
    >
      {t('labels.print')}
    </Button>
  );
}

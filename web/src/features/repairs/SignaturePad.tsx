import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSignatureCanvas } from '@/lib/signature-canvas';
import { useRepairI18n } from './messages';

// 签字板 The customer signs on the engineer's tablet.
export function SignaturePad({ onChange, height = 180 }: { onChange: (dataUrl: string | null) => void; height?: number }) {
  const { t } = useRepairI18n();
  const [empty, setEmpty] = useState(true);
  const pad = useSignatureCanvas((png) => {
    setEmpty(!png);
    onChange(png);
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('rp.signHere')}</Typography.Text>
      <canvas
        ref={pad.ref}
        data-testid="signature-pad"
        style={{ width: '100%', height, border: '1px dashed #999', borderRadius: 6, touchAction: 'none', background: '#fff', cursor: 'crosshair' }}
        {...pad.handlers}
      />
      <Button onClick={pad.clear} disabled={empty} size="small">
        {t('rp.clear')}
      </Button>
    </Space>
  );
}

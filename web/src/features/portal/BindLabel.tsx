import { App, Alert, Button } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { labelReference } from '@domain/product/blank-label';
import type { ResponseOf } from '@/lib/contract';
import { api, errorText } from '@/lib/http';
import { useSubMessages } from '@/lib/i18n';

// 绑定空白标签: staff scanned a blank label (the portal sent them here with ?bindLabel=<token>); they
// find the unit in the list and bind the label to it, once.
const MESSAGES = {
  'bind.banner': [
    '正在绑定空白二维码标签（标签 {ref}）：在下方搜索设备序列号，点击该设备的「绑定此标签」。',
    'Binding blank QR label {ref}: search the unit below and click “Bind this label” on it.',
  ],
  'bind.button': ['绑定此标签', 'Bind this label'],
  'bind.done': ['标签 {ref} 已绑定到设备 {serial}，客户扫码即可报修', 'Label {ref} is bound to unit {serial}: customers can scan it now'],
  'bind.cancel': ['取消绑定', 'Cancel'],
} as const satisfies Record<string, readonly [string, string]>;

export function useBindLabel() {
  const [params, setParams] = useSearchParams();
  const token = params.get('bindLabel');
  const { t } = useSubMessages(MESSAGES);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const done = () =>
    setParams(
      (p) => {
        p.delete('bindLabel');
        return p;
      },
      { replace: true },
    );
  const bind = useMutation({
    mutationFn: (serialUnitId: string) =>
      api<ResponseOf<'bindBlankLabel'>>(`/portal/blank-labels/${encodeURIComponent(token ?? '')}/bind`, { method: 'POST', body: { serialUnitId } }),
    onSuccess: (r) => {
      void message.success(t('bind.done', { ref: r.label, serial: r.serialNumber }));
      void qc.invalidateQueries({ queryKey: ['serial-units'] });
      done();
    },
    onError: (e) => message.error(errorText(e)),
  });
  const banner = token ? (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      title={t('bind.banner', { ref: labelReference(token) })}
      action={
        <Button size="small" onClick={done}>
          {t('bind.cancel')}
        </Button>
      }
      data-testid="bind-label-banner"
    />
  ) : null;
  const button = (unitId: string, serial: string) =>
    token ? (
      <Button
        size="small"
        type="primary"
        loading={bind.isPending && bind.variables === unitId}
        onClick={() => bind.mutate(unitId)}
        data-testid={`bind-label-${serial}`}
      >
        {t('bind.button')}
      </Button>
    ) : null;
  return { banner, button };
}

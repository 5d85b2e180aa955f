import { App, Form, InputNumber, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { errorText } from '@/lib/http';
import { useParts, useReceive, useReturnUnused, useTransfer } from './api';
import { usePartsT } from './messages';
import { WarehouseSelect } from './WarehouseSelect';

function PartSelect(props: { value?: string; onChange?: (v: string) => void }) {
  const parts = useParts({ limit: 200 });
  return (
    <Select
      data-testid="form-part"
      value={props.value}
      onChange={props.onChange}
      showSearch={{ optionFilterProp: 'label' }}
      options={(parts.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.partNumber} ${p.name}` }))}
    />
  );
}

export function ReceiveModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = usePartsT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const receive = useReceive();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const submit = async () => {
    const v = (await form.validateFields()) as { warehouseId: string; partId: string; quantity: number };
    receive.mutate(v, {
      onSuccess: () => {
        message.success(t('parts.done'));
        onClose();
      },
      onError: (e) => message.error(errorText(e)),
    });
  };
  return (
    <Modal open={open} title={t('parts.receive')} onCancel={onClose} onOk={() => void submit()} confirmLoading={receive.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ quantity: 1 }}>
        <Form.Item name="warehouseId" label={t('parts.warehouse')} rules={[{ required: true }]}>
          <WarehouseSelect />
        </Form.Item>
        <Form.Item name="partId" label={t('parts.part')} rules={[{ required: true }]}>
          <PartSelect />
        </Form.Item>
        <Form.Item name="quantity" label={t('parts.quantity')} rules={[{ required: true }]}>
          <InputNumber min={1} max={1_000_000} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 调拨 between warehouses (stock keepers), or 退回未用备件 from the engineer's own stock. */
export function TransferModal({ open, mode, onClose }: { open: boolean; mode: 'transfer' | 'return'; onClose: () => void }) {
  const { t } = usePartsT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const transfer = useTransfer();
  const giveBack = useReturnUnused();
  const pending = transfer.isPending || giveBack.isPending;
  const from = Form.useWatch('fromWarehouseId', form) as string | undefined;
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const submit = async () => {
    const v = (await form.validateFields()) as { fromWarehouseId: string; toWarehouseId: string; partId: string; quantity: number };
    const body = { fromWarehouseId: v.fromWarehouseId, toWarehouseId: v.toWarehouseId, lines: [{ partId: v.partId, quantity: v.quantity }] };
    const opts = {
      onSuccess: () => {
        message.success(t('parts.done'));
        onClose();
      },
      onError: (e: unknown) => message.error(errorText(e)),
    };
    if (mode === 'return') giveBack.mutate(body, opts);
    else transfer.mutate(body, opts);
  };
  const title = mode === 'return' ? t('parts.returnUnused') : t('parts.transfer');
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => void submit()} confirmLoading={pending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ quantity: 1 }} data-testid="transfer-form">
        <Form.Item name="fromWarehouseId" label={t('parts.from')} rules={[{ required: true }]}>
          <WarehouseSelect testId="transfer-from" />
        </Form.Item>
        <Form.Item name="toWarehouseId" label={t('parts.to')} rules={[{ required: true }]}>
          <WarehouseSelect testId="transfer-to" exclude={from} />
        </Form.Item>
        <Form.Item name="partId" label={t('parts.part')} rules={[{ required: true }]}>
          <PartSelect />
        </Form.Item>
        <Form.Item name="quantity" label={t('parts.quantity')} rules={[{ required: true }]}>
          <InputNumber min={1} max={1_000_000} precision={0} data-testid="transfer-quantity" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { errorText } from '@/lib/http';
import { fmtDateTime } from '@/lib/format';
import type { SerialUnit } from './api';
import { useServiceI18n } from './messages';
import { useMainParts, useRecordExchange, useRecordRepair, useServiceHistory, useSetMainParts, type ServiceHistoryEntry } from './service-api';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');
type Range = [Dayjs, Dayjs];

/**
 * 服务记录 A unit's repairs and exchanges (which extend or restart its warranty) with forms to record
 * them, and its model's main-part periods (主要部件) with a form to edit them.
 */
export function UnitServiceDrawer({
  unit,
  onClose,
  canRecord,
  canEditParts,
}: {
  unit: SerialUnit | null;
  onClose: () => void;
  canRecord: boolean;
  canEditParts: boolean;
}) {
  const { t } = useServiceI18n();
  return (
    <Drawer open={Boolean(unit)} onClose={onClose} width={860} title={unit ? t('us.title', { sn: unit.serialNumber }) : ''} destroyOnHidden>
      {unit ? (
        <>
          <HistoryCard unitId={unit.id} canRecord={canRecord} />
          <MainPartsCard modelId={unit.model.id} modelLabel={`${unit.model.modelNumber} ${unit.model.name}`} canEdit={canEditParts} />
        </>
      ) : null}
    </Drawer>
  );
}

function HistoryCard({ unitId, canRecord }: { unitId: string; canRecord: boolean }) {
  const { t } = useServiceI18n();
  const { message } = App.useApp();
  const history = useServiceHistory(unitId);
  const repair = useRecordRepair(unitId);
  const exchange = useRecordExchange(unitId);
  const [repairForm] = Form.useForm<{ span: Range; waiting?: Range; note?: string }>();
  const [exchangeForm] = Form.useForm<{ on: Dayjs; note?: string }>();
  const saveRepair = async () => {
    const v = await repairForm.validateFields();
    repair.mutate(
      {
        from: day(v.span[0]),
        to: day(v.span[1]),
        partsWaiting: v.waiting ? { from: day(v.waiting[0]), to: day(v.waiting[1]) } : null,
        note: v.note?.trim() || null,
      },
      {
        onSuccess: () => {
          message.success(t('us.saved'));
          repairForm.resetFields();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };
  const saveExchange = async () => {
    const v = await exchangeForm.validateFields();
    exchange.mutate(
      { on: day(v.on), note: v.note?.trim() || null },
      {
        onSuccess: () => {
          message.success(t('us.saved'));
          exchangeForm.resetFields();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };
  return (
    <Card size="small" title={t('us.history')} style={{ marginBottom: 16 }} data-testid="unit-service-history">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('us.historyHint')}
      </Typography.Paragraph>
      <Table<ServiceHistoryEntry>
        rowKey="id"
        size="small"
        pagination={false}
        loading={history.isPending}
        dataSource={history.data?.items}
        locale={{ emptyText: t('us.none') }}
        columns={[
          {
            title: t('us.kind'),
            key: 'kind',
            render: (_, r) => <Tag color={r.kind === 'repair' ? 'blue' : 'purple'}>{t(r.kind === 'repair' ? 'us.kind.repair' : 'us.kind.exchange')}</Tag>,
          },
          { title: t('us.period'), key: 'period', render: (_, r) => (r.to && r.to !== r.from ? `${r.from} ~ ${r.to}` : r.from) },
          { title: t('us.waiting'), key: 'waiting', render: (_, r) => (r.partsWaiting ? `${r.partsWaiting.from} ~ ${r.partsWaiting.to}` : '—') },
          { title: t('us.source'), key: 'source', render: (_, r) => t(r.source === 'repair' ? 'us.source.repair' : 'us.source.staff') },
          { title: t('us.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          { title: '', dataIndex: 'recordedAt', render: (v: string) => <Typography.Text type="secondary">{fmtDateTime(v)}</Typography.Text> },
        ]}
      />
      {canRecord ? (
        <Space align="start" wrap style={{ marginTop: 16, width: '100%' }} size={24}>
          <Form form={repairForm} layout="vertical" style={{ width: 320 }} data-testid="unit-repair-form">
            <Typography.Text strong>{t('us.addRepair')}</Typography.Text>
            <Form.Item name="span" label={t('us.repairSpan')} rules={[{ required: true }]}>
              <DatePicker.RangePicker />
            </Form.Item>
            <Form.Item name="waiting" label={t('us.waitingSpan')}>
              <DatePicker.RangePicker />
            </Form.Item>
            <Form.Item name="note" label={t('us.note')}>
              <Input maxLength={500} />
            </Form.Item>
            <Button type="primary" onClick={() => void saveRepair()} loading={repair.isPending}>
              {t('us.addRepair')}
            </Button>
          </Form>
          <Form form={exchangeForm} layout="vertical" style={{ width: 260 }} data-testid="unit-exchange-form">
            <Typography.Text strong>{t('us.addExchange')}</Typography.Text>
            <Form.Item name="on" label={t('us.exchangeOn')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="note" label={t('us.note')}>
              <Input maxLength={500} />
            </Form.Item>
            <Button onClick={() => void saveExchange()} loading={exchange.isPending}>
              {t('us.addExchange')}
            </Button>
          </Form>
        </Space>
      ) : null}
    </Card>
  );
}

function MainPartsCard({ modelId, modelLabel, canEdit }: { modelId: string; modelLabel: string; canEdit: boolean }) {
  const { t } = useServiceI18n();
  const { message } = App.useApp();
  const parts = useMainParts(modelId);
  const save = useSetMainParts(modelId);
  const [form] = Form.useForm<{ parts: { name: string; warrantyMonths: number }[] }>();
  useEffect(() => {
    if (parts.data) form.setFieldsValue({ parts: parts.data.parts });
  }, [parts.data, form]);
  const submit = async () => {
    const v = await form.validateFields();
    save.mutate(
      { parts: (v.parts ?? []).map((p) => ({ name: p.name.trim(), warrantyMonths: p.warrantyMonths })) },
      { onSuccess: () => message.success(t('us.saved')), onError: (e) => message.error(errorText(e)) },
    );
  };
  return (
    <Card size="small" title={t('us.mainParts', { m: modelLabel })} data-testid="model-main-parts">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('us.mainPartsHint')}
        {canEdit ? '' : `（${t('us.readOnly')}）`}
      </Typography.Paragraph>
      <Form form={form} disabled={!canEdit} data-testid="main-parts-form">
        <Form.List name="parts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, max: 100 }]}>
                    <Input placeholder={t('us.partName')} style={{ width: 240 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'warrantyMonths']} rules={[{ required: true }]}>
                    <InputNumber min={0} max={240} placeholder={t('us.months')} addonAfter={t('us.months')} />
                  </Form.Item>
                  {canEdit ? <MinusCircleOutlined onClick={() => remove(f.name)} /> : null}
                </Space>
              ))}
              {canEdit ? (
                <Space>
                  <Button icon={<PlusOutlined />} onClick={() => add({ name: '', warrantyMonths: 24 })}>
                    {t('us.addPart')}
                  </Button>
                  <Button type="primary" onClick={() => void submit()} loading={save.isPending}>
                    {t('us.saveParts')}
                  </Button>
                </Space>
              ) : null}
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}

import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PROVINCES, provinceLabel, type ProvinceCode } from '@domain/customer/provinces';
import { errorText } from '@/lib/http';
import { useReplaceSalesRegions, useSalesRegions, type SalesRegions } from './region';
import { useRegionI18n } from './region-messages';

// 大区管理 (administrators): the sales regions and the provinces in each. The API replaces the grouping
// as a whole (PUT /regions), so every change here sends the full list with one region edited, added
// or removed. A province is in one region at most: choosing one that another region holds is refused
// here with the owner named (the server refuses it too).

type Region = SalesRegions['items'][number];
interface Draft {
  name: string;
  provinces: string[];
}

export default function RegionsPage() {
  const { t, pick } = useRegionI18n();
  const { message } = App.useApp();
  const regions = useSalesRegions();
  const save = useReplaceSalesRegions();
  const [editing, setEditing] = useState<Region | 'new' | null>(null);
  const [form] = Form.useForm<Draft>();
  const items = regions.data?.items ?? [];
  const province = (code: string) => pick(provinceLabel(code) ?? { zh: code, en: code });

  const put = async (next: { id?: string; name: string; provinces: string[] }[]) => {
    try {
      await save.mutateAsync({ regions: next.map((r) => ({ ...r, provinces: r.provinces as ProvinceCode[] })) });
      message.success(t('reg.saved'));
      return true;
    } catch (e) {
      message.error(errorText(e));
      return false;
    }
  };
  const others = () => items.filter((r) => editing === 'new' || r.id !== editing?.id);
  const submit = async (v: Draft) => {
    const row = { name: v.name.trim(), provinces: v.provinces };
    const all = items.map((r) => ({ id: r.id, name: r.name, provinces: r.provinces }));
    const next = editing === 'new' ? [...all, row] : all.map((r) => (r.id === (editing as Region).id ? { ...r, ...row } : r));
    if (await put(next)) setEditing(null);
  };
  const open = (r: Region | 'new') => {
    setEditing(r);
    form.setFieldsValue(r === 'new' ? { name: '', provinces: [] } : { name: r.name, provinces: r.provinces });
  };

  return (
    <Card
      title={t('reg.title')}
      extra={
        <Button type="primary" onClick={() => open('new')} data-testid="region-new">
          {t('reg.new')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('reg.intro')}</Typography.Paragraph>
      <Table<Region>
        rowKey="id"
        size="small"
        loading={regions.isLoading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('reg.none') }}
        data-testid="regions-table"
        columns={[
          { title: t('reg.name'), dataIndex: 'name', width: 140 },
          {
            title: t('reg.provinces'),
            dataIndex: 'provinces',
            render: (ps: string[]) => (
              <Space wrap size={[4, 4]}>
                {ps.map((p) => (
                  <Tag key={p}>{province(p)}</Tag>
                ))}
              </Space>
            ),
          },
          { title: t('reg.count'), dataIndex: 'provinces', width: 80, align: 'right', render: (ps: string[]) => ps.length },
          {
            title: '',
            width: 150,
            render: (_: unknown, r) => (
              <Space>
                <Button size="small" onClick={() => open(r)} data-testid={`region-edit-${r.name}`}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('reg.deleteConfirm', { name: r.name })}
                  okText={t('common.ok')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => put(items.filter((x) => x.id !== r.id).map((x) => ({ id: x.id, name: x.name, provinces: x.provinces })))}
                >
                  <Button size="small" danger data-testid={`region-delete-${r.name}`}>
                    {t('reg.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 12 }} data-testid="regions-ungrouped">
        <Typography.Text strong>{t('reg.ungrouped')}：</Typography.Text>
        {regions.data?.ungrouped.length ? regions.data.ungrouped.map(province).join('、') : t('reg.allGrouped')}
      </Typography.Paragraph>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('reg.new') : t('reg.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: save.isPending, 'data-testid': 'region-save' } as never}
        destroyOnHidden
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="name"
            label={t('reg.name')}
            rules={[
              { required: true, whitespace: true, message: t('reg.nameRequired') },
              { max: 20 },
              { validator: async (_, v?: string) => (others().some((r) => r.name === v?.trim()) ? Promise.reject(new Error(t('reg.nameTaken'))) : undefined) },
            ]}
          >
            <Input maxLength={20} data-testid="region-name" />
          </Form.Item>
          <Form.Item
            name="provinces"
            label={t('reg.provinces')}
            rules={[
              {
                validator: async (_, v: string[] = []) => {
                  const taken = v.map((p) => ({ p, owner: others().find((r) => r.provinces.includes(p)) })).filter((x) => x.owner);
                  if (!taken.length) return;
                  throw new Error(
                    t('reg.conflict', {
                      provinces: taken.map((x) => province(x.p)).join('、'),
                      owners: [...new Set(taken.map((x) => x.owner!.name))].join('、'),
                    }),
                  );
                },
              },
            ]}
          >
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              // 34 provinces: every option in the list, so the ones past the first rows are there to scroll to.
              virtual={false}
              data-testid="region-provinces"
              options={PROVINCES.map((p) => {
                const owner = others().find((r) => r.provinces.includes(p.code));
                return { value: p.code, label: owner ? `${province(p.code)}（${t('reg.inRegion', { name: owner.name })}）` : province(p.code) };
              })}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

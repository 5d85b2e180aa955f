import { App, Button, Form, Input, Modal, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { errorText } from '@/lib/http';
import { useI18n } from '@/lib/i18n';
import { useDeleteMacro, useMacros, useSaveMacro, type ReplyMacro } from './api';
import { mailText } from './messages';

/** 常用回复: text agents insert into a reply, with the same {variables} as the templates. */
export default function MacrosPanel() {
  const { locale } = useI18n();
  const m = mailText(locale);
  const { message } = App.useApp();
  const { data, isLoading } = useMacros();
  const remove = useDeleteMacro();
  const [editing, setEditing] = useState<Partial<ReplyMacro> | null>(null);
  return (
    <>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setEditing({})} data-testid="macro-add">
        {m('addMacro')}
      </Button>
      <Table<ReplyMacro>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: m('noMacros') }}
        data-testid="macros-table"
        columns={[
          { title: m('title'), dataIndex: 'title', width: 200 },
          { title: m('body'), dataIndex: 'body', ellipsis: true },
          {
            title: m('actions'),
            width: 160,
            render: (_: unknown, r) => (
              <Space>
                <Button size="small" onClick={() => setEditing(r)}>
                  {m('edit')}
                </Button>
                <Popconfirm title={m('delete')} onConfirm={() => remove.mutate(r.id, { onError: (err) => message.error(errorText(err)) })}>
                  <Button size="small" danger>
                    {m('delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing ? <MacroEditor macro={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function MacroEditor({ macro, onClose }: { macro: Partial<ReplyMacro>; onClose: () => void }) {
  const { locale } = useI18n();
  const m = mailText(locale);
  const { message } = App.useApp();
  const save = useSaveMacro();
  const [form] = Form.useForm<{ title: string; body: string }>();
  const onOk = async () => {
    const v = await form.validateFields();
    save.mutate(
      { id: macro.id, ...v },
      {
        onSuccess: () => {
          message.success(m('saved'));
          onClose();
        },
        onError: (err) => message.error(errorText(err)),
      },
    );
  };
  return (
    <Modal
      open
      title={macro.id ? m('edit') : m('addMacro')}
      onCancel={onClose}
      onOk={onOk}
      okButtonProps={{ loading: save.isPending, ...{ 'data-testid': 'macro-save' } }}
    >
      <Form form={form} layout="vertical" initialValues={{ title: macro.title ?? '', body: macro.body ?? '' }}>
        <Form.Item name="title" label={m('title')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="macro-title" />
        </Form.Item>
        <Form.Item name="body" label={m('body')} rules={[{ required: true }]} extra="{customer} {number} {title} {promisedAt} {link}">
          <Input.TextArea rows={5} data-testid="macro-body" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

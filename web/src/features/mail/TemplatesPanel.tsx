import { App, Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorText } from '@/lib/http';
import { useI18n } from '@/lib/i18n';
import { usePreviewTemplate, useResetTemplate, useSaveTemplate, useTemplates, type MessageTemplate } from './api';
import { mailText, TEMPLATE_KEY_LABELS, VARIABLE_LABELS } from './messages';

/** 消息模板: each customer mail's wording per language; an edit is previewed with sample values before it is saved. */
export default function TemplatesPanel() {
  const { locale } = useI18n();
  const m = mailText(locale);
  const i = locale === 'en' ? 1 : 0;
  const { data, isLoading } = useTemplates('email');
  const reset = useResetTemplate();
  const [editing, setEditing] = useState<MessageTemplate | null>(null);
  return (
    <>
      <Typography.Paragraph type="secondary">
        {m('variables')}：{data?.variables.map((v) => `{${v}} ${VARIABLE_LABELS[v]?.[i] ?? ''}`).join('　')}
      </Typography.Paragraph>
      <Table<MessageTemplate>
        rowKey={(r) => `${r.key}/${r.locale}`}
        size="small"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={false}
        data-testid="templates-table"
        columns={[
          { title: m('event'), dataIndex: 'key', render: (k: string) => TEMPLATE_KEY_LABELS[k]?.[i] ?? k },
          { title: m('language'), dataIndex: 'locale', width: 90, render: (l: string) => (l === 'en' ? 'English' : '中文') },
          { title: m('subject'), dataIndex: 'subject', ellipsis: true },
          {
            title: '',
            dataIndex: 'customised',
            width: 80,
            render: (c: boolean) => (c ? <Tag color="blue">{m('customised')}</Tag> : <Tag>{m('builtIn')}</Tag>),
          },
          {
            title: m('actions'),
            width: 160,
            render: (_: unknown, r) => (
              <Space>
                <Button size="small" onClick={() => setEditing(r)} data-testid={`edit-${r.key}-${r.locale}`}>
                  {m('edit')}
                </Button>
                {r.customised ? (
                  <Button size="small" onClick={() => reset.mutate({ channel: r.channel, key: r.key, locale: r.locale })}>
                    {m('reset')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {editing ? <TemplateEditor template={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function TemplateEditor({ template, onClose }: { template: MessageTemplate; onClose: () => void }) {
  const { locale } = useI18n();
  const m = mailText(locale);
  const i = locale === 'en' ? 1 : 0;
  const { message } = App.useApp();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const preview = usePreviewTemplate();
  const save = useSaveTemplate();
  const onSave = () =>
    save.mutate(
      { channel: template.channel, key: template.key, locale: template.locale, subject, body },
      {
        onSuccess: () => {
          message.success(m('saved'));
          onClose();
        },
        onError: (err) => message.error(errorText(err)),
      },
    );
  return (
    <Modal
      open
      width={760}
      title={`${TEMPLATE_KEY_LABELS[template.key]?.[i] ?? template.key} · ${template.locale === 'en' ? 'English' : '中文'}`}
      onCancel={onClose}
      footer={[
        <Button
          key="preview"
          onClick={() => preview.mutate({ subject, body }, { onError: (err) => message.error(errorText(err)) })}
          data-testid="template-preview"
        >
          {m('preview')}
        </Button>,
        <Button key="save" type="primary" loading={save.isPending} onClick={onSave} data-testid="template-save">
          {m('save')}
        </Button>,
      ]}
    >
      <Form layout="vertical">
        <Form.Item label={m('subject')}>
          <Input value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={250} data-testid="template-subject" />
        </Form.Item>
        <Form.Item label={m('body')} extra={m('previewHint')}>
          <Input.TextArea value={body} onChange={(e) => setBody(e.target.value)} rows={8} data-testid="template-body" />
        </Form.Item>
      </Form>
      {preview.data ? (
        <div style={{ background: '#f6f8fa', padding: 12, borderRadius: 6 }} data-testid="template-preview-result">
          <Typography.Text strong>{preview.data.subject}</Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{preview.data.body}</div>
        </div>
      ) : null}
    </Modal>
  );
}

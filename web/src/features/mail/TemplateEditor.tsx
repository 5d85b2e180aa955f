import { App, Button, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { errorText } from '@/lib/http';
import { useI18n } from '@/lib/i18n';
import { usePreviewTemplate, useSaveTemplate, type MessageTemplate, type TemplatePreview } from './api';
import { channelKeyLabel, mailText, VARIABLE_LABELS } from './messages';

/** One template's editor: the fields its channel has (mail: subject + body; SMS: text; robot: title, lines, button). */
export default function TemplateEditor({
  template,
  providerCode,
  onClose,
}: {
  template: MessageTemplate;
  providerCode?: string | undefined;
  onClose: () => void;
}) {
  const { locale } = useI18n();
  const m = mailText(locale);
  const i = locale === 'en' ? 1 : 0;
  const { message } = App.useApp();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const [button, setButton] = useState(template.button);
  const preview = usePreviewTemplate();
  const save = useSaveTemplate();
  const { channel } = template;
  const text = { subject: channel === 'sms' ? '' : subject, body, ...(channel === 'robot' ? { button } : {}) };
  const onSave = () =>
    save.mutate(
      { channel, key: template.key, locale: template.locale, ...text },
      {
        onSuccess: () => {
          message.success(m('saved'));
          onClose();
        },
        onError: (err) => message.error(errorText(err)),
      },
    );
  const language = channel === 'email' ? ` · ${template.locale === 'en' ? 'English' : '中文'}` : '';
  return (
    <Modal
      open
      width={760}
      title={`${channelKeyLabel(channel, template.key, i)}${language}`}
      onCancel={onClose}
      footer={[
        <Button
          key="preview"
          onClick={() => preview.mutate({ channel, key: template.key, ...text }, { onError: (err) => message.error(errorText(err)) })}
          data-testid="template-preview"
        >
          {m('preview')}
        </Button>,
        <Button key="save" type="primary" loading={save.isPending} onClick={onSave} data-testid="template-save">
          {m('save')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        {m('variables')}：{template.variables.map((v) => `{${v}} ${VARIABLE_LABELS[v]?.[i] ?? ''}`).join('　')}
      </Typography.Paragraph>
      <Form layout="vertical">
        {channel === 'sms' ? (
          <Form.Item label={m('smsCode')} extra={m('smsCodeHint')}>
            <Input value={providerCode || m('smsCodeMissing')} disabled data-testid="template-provider-code" />
          </Form.Item>
        ) : (
          <Form.Item label={channel === 'robot' ? m('cardTitle') : m('subject')}>
            <Input value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={250} data-testid="template-subject" />
          </Form.Item>
        )}
        <Form.Item
          label={channel === 'robot' ? m('cardLines') : channel === 'sms' ? m('smsBody') : m('body')}
          extra={channel === 'robot' ? m('cardLinesHint') : channel === 'sms' ? m('smsBodyHint') : m('previewHint')}
        >
          <Input.TextArea value={body} onChange={(e) => setBody(e.target.value)} rows={channel === 'email' ? 8 : 4} data-testid="template-body" />
        </Form.Item>
        {channel === 'robot' ? (
          <Form.Item label={m('button')}>
            <Input value={button} onChange={(e) => setButton(e.target.value)} maxLength={30} data-testid="template-button" />
          </Form.Item>
        ) : null}
      </Form>
      {preview.data ? <PreviewResult channel={channel} result={preview.data} /> : null}
    </Modal>
  );
}

const BOX = { background: '#f6f8fa', padding: 12, borderRadius: 6 } as const;

/** The sample rendering: a mail, an SMS with the gateway's parameters, or a card with its lines and button. */
function PreviewResult({ channel, result }: { channel: MessageTemplate['channel']; result: TemplatePreview }) {
  const { locale } = useI18n();
  const m = mailText(locale);
  if (channel === 'robot')
    return (
      <div style={BOX} data-testid="template-preview-result">
        <Typography.Text strong>{result.subject}</Typography.Text>
        <Descriptions
          size="small"
          column={1}
          style={{ marginTop: 8 }}
          items={(result.lines ?? []).map((l, n) => ({ key: n, label: l.label, children: l.value }))}
        />
        <Button type="primary" size="small" style={{ marginTop: 8 }} tabIndex={-1}>
          {result.button}
        </Button>
      </div>
    );
  if (channel === 'sms')
    return (
      <div style={BOX} data-testid="template-preview-result">
        <div style={{ whiteSpace: 'pre-wrap' }}>{result.body}</div>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {m('params')}：{result.params?.length ? result.params.map((p, n) => `{${n + 1}} ${p.name} = ${p.value}`).join('；') : m('previewEmpty')}
        </Typography.Text>
      </div>
    );
  return (
    <div style={BOX} data-testid="template-preview-result">
      <Typography.Text strong>{result.subject}</Typography.Text>
      <div style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{result.body}</div>
    </div>
  );
}

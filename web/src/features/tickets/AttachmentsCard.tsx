import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Typography, Upload } from 'antd';
import { errorText } from '@/lib/http';
import { useSlaI18n } from '@/features/sla/messages';
import type { Attachment, useUpload } from './api';

export function AttachmentsCard({
  ticketId,
  attachments,
  desk,
  upload,
}: {
  ticketId: string;
  attachments: readonly Attachment[] | undefined;
  desk: boolean;
  upload: ReturnType<typeof useUpload>;
}) {
  const { t } = useSlaI18n();
  const { message } = App.useApp();
  return (
    <Card size="small" title={t('ticket.attachments')} style={{ marginBottom: 16 }}>
      {attachments?.map((a) => (
        <div key={a.id} data-testid="attachment">
          <PaperClipOutlined />{' '}
          <a href={`/api/v1/attachments/${a.id}/content`} target="_blank" rel="noreferrer">
            {a.fileName}
          </a>{' '}
          <Typography.Text type="secondary">{Math.ceil(a.size / 1024)} KB</Typography.Text>
        </div>
      ))}
      {desk ? (
        <Upload
          multiple
          showUploadList={false}
          beforeUpload={(file, list) => {
            if (file === list[list.length - 1])
              upload.mutate({ id: ticketId, files: list as unknown as File[] }, { onError: (err) => message.error(errorText(err)) });
            return false;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} style={{ marginTop: 8 }}>
            {t('ticket.upload')}
          </Button>
        </Upload>
      ) : null}
    </Card>
  );
}

import { Alert, App, Button, Input, Modal, Segmented, Space, Upload } from 'antd';
import { useState } from 'react';
import { errorText } from '@/lib/http';
import { useSlaI18n } from '@/features/sla/messages';
import { useImportCalendar, type CalendarImport, type CalendarView } from './api';

export function ImportCalendarModal({ cal, open, onClose, onQueued }: { cal: CalendarView; open: boolean; onClose(): void; onQueued(jobId: number): void }) {
  const { t } = useSlaI18n();
  const { message } = App.useApp();
  const [format, setFormat] = useState<'ics' | 'json'>('ics');
  const [content, setContent] = useState('');
  const [error, setError] = useState<string | null>(null);
  const imp = useImportCalendar();
  const submit = () => {
    setError(null);
    let body: CalendarImport;
    if (format === 'ics') body = { format, content };
    else {
      try {
        const parsed: unknown = JSON.parse(content);
        const years = Array.isArray(parsed) ? parsed : ((parsed as { years?: unknown }).years ?? [parsed]);
        body = { format, years: years as Extract<CalendarImport, { format: 'json' }>['years'] };
      } catch {
        setError(t('cal.badJson'));
        return;
      }
    }
    imp.mutate(
      { id: cal.id, body },
      {
        onSuccess: (r) => {
          message.success(t('cal.imported', { y: (r.importedYears ?? []).join('、'), n: r.recompute.clocks }));
          onQueued(r.recompute.jobId);
          setContent('');
          onClose();
        },
        onError: (err) => setError(errorText(err)),
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('cal.importTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('cal.import')}
      okButtonProps={{ disabled: !content.trim(), 'data-testid': 'import-submit' }}
      confirmLoading={imp.isPending}
      destroyOnHidden
      width={640}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Segmented<'ics' | 'json'>
          value={format}
          onChange={setFormat}
          options={[
            { value: 'ics', label: 'iCalendar (.ics)' },
            { value: 'json', label: 'JSON' },
          ]}
          data-testid="import-format"
        />
        <Upload
          accept={format === 'ics' ? '.ics,text/calendar' : '.json,application/json'}
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then(setContent);
            return false;
          }}
        >
          <Button size="small">{t('cal.importFile')}</Button>
        </Upload>
        <Input.TextArea
          rows={10}
          value={content}
          onChange={(e) => setContent(e.target.value)}
          placeholder={
            format === 'ics'
              ? 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nSUMMARY:元旦\n…'
              : '[{"year":2027,"holidays":["2027-01-01"],"makeUpWorkdays":[]}]'
          }
          style={{ fontFamily: 'monospace', fontSize: 12 }}
          data-testid="import-content"
          aria-label={t('cal.importContent')}
        />
        {error ? <Alert type="error" showIcon title={error} data-testid="import-error" /> : null}
      </Space>
    </Modal>
  );
}

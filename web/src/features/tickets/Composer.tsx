import MacroPicker from '@/features/mail/MacroPicker';
import { App, Button, Card, Input, Segmented } from 'antd';
import { useState } from 'react';
import { errorText } from '@/lib/http';
import { useSlaI18n } from '@/features/sla/messages';
import type { MessageKey } from '@/lib/messages';
import { useAddEvent, type TicketDetail } from './api';

const COMPOSER_TYPES = ['public_reply', 'internal_note', 'progress_update', 'customer_message'] as const;
type ComposerType = (typeof COMPOSER_TYPES)[number];

export function Composer({ ticket, speaksToCustomer }: { ticket: TicketDetail; speaksToCustomer: boolean }) {
  const { t } = useSlaI18n();
  const { message } = App.useApp();
  // Finance, logistics and quality may only write internal notes (the server refuses the rest).
  const types: readonly ComposerType[] = speaksToCustomer ? COMPOSER_TYPES : ['internal_note'];
  const [type, setType] = useState<ComposerType>(types[0]!);
  const [body, setBody] = useState('');
  const add = useAddEvent();
  const send = () => {
    if (!body.trim()) return;
    add.mutate({ id: ticket.id, type, body: body.trim() }, { onSuccess: () => setBody(''), onError: (err) => message.error(errorText(err)) });
  };
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Segmented<ComposerType>
        value={type}
        onChange={setType}
        options={types.map((c) => ({ value: c, label: t(`ticket.composer.${c}` as MessageKey) }))}
        style={{ marginBottom: 8 }}
        data-testid="composer-type"
      />
      <MacroPicker ticket={ticket} onPick={(text) => setBody((b) => (b.trim() ? `${b}\n${text}` : text))} />
      <Input.TextArea
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={4}
        placeholder={t('ticket.composer.placeholder')}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            send();
          }
        }}
        style={type === 'internal_note' ? { background: '#fffbe6' } : undefined}
        data-testid="composer-body"
      />
      <div style={{ textAlign: 'right', marginTop: 8 }}>
        <Button type="primary" onClick={send} loading={add.isPending} disabled={!body.trim()} data-testid="composer-send">
          {t('ticket.composer.send')}
        </Button>
      </div>
    </Card>
  );
}

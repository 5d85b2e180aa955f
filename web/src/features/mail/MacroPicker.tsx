import { Select } from 'antd';
import { renderTemplate } from '@domain/mail/template';
import { useMe } from '@/features/auth/api';
import { useI18n } from '@/lib/i18n';
import { useMacros } from './api';
import { mailText } from './messages';

interface TicketLike {
  number: string;
  title: string;
  customer?: { name?: string | null } | null;
  customerName?: string | null;
}

/**
 * 插入常用回复: picks a reply macro and hands its text, with the ticket's values filled in, to the
 * reply box. Values the ticket cannot give (promised times) stay empty for the agent to write.
 */
export default function MacroPicker({ ticket, onPick }: { ticket: TicketLike; onPick: (text: string) => void }) {
  const { locale } = useI18n();
  const m = mailText(locale);
  const { data: me } = useMe();
  const { data } = useMacros();
  if (!data?.items.length) return null;
  return (
    <Select<string>
      size="small"
      value={null as unknown as string}
      placeholder={m('insertMacro')}
      style={{ minWidth: 200, marginLeft: 8, marginBottom: 8 }}
      options={data.items.map((x) => ({ value: x.id, label: x.title }))}
      onChange={(id) => {
        const macro = data.items.find((x) => x.id === id);
        if (!macro) return;
        onPick(
          renderTemplate(macro.body, {
            number: ticket.number,
            title: ticket.title,
            customer: ticket.customer?.name ?? ticket.customerName ?? '',
            agent: me?.displayName ?? '',
          }),
        );
      }}
      data-testid="macro-picker"
    />
  );
}

import { BookOutlined, LikeOutlined } from '@ant-design/icons';
import { App, Button, Card, Collapse, Empty, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { SOLUTION_LABELS, type SolutionType } from '@domain/ticket/ticket.status';
import { useMe } from '@/features/auth/api';
import { errorText } from '@/lib/http';
import { can, SERVICE_DESK } from '@/lib/roles';
import { useDebounced } from '@/lib/debounced';
import { useArticleWrite, useSuggestions } from './api';
import { useKbI18n } from './messages';

/**
 * 相关文章与相似工单 Mounted on the intake form and the ticket page: published articles and solved tickets
 * sharing words with the description (ranked by overlap and recency on the server), "this helped" per
 * article, and — on a resolved ticket — writing it up as an article in one click.
 */
export default function SuggestionsPanel({ description, ticketId, resolved }: { description: string; ticketId?: string; resolved?: boolean }) {
  const { t, pick } = useKbI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe().data;
  const text = useDebounced(description, 400);
  const s = useSuggestions(text, ticketId);
  const write = useArticleWrite();
  const [thanked, setThanked] = useState<Set<string>>(new Set());
  if (!me || !can(me.role, SERVICE_DESK)) return null;

  const writeUp = () =>
    write.fromTicket.mutate(ticketId!, { onSuccess: (a) => navigate(`/knowledge/${a.id}`), onError: (e) => void message.error(errorText(e)) });
  const helped = (id: string) =>
    write.helpful.mutate(
      { id, ticketId },
      {
        onSuccess: () => {
          setThanked((x) => new Set(x).add(id));
          void message.success(t('kb.thanks'));
        },
        onError: (e) => void message.error(errorText(e)),
      },
    );

  const articles = s.data?.articles ?? [];
  const tickets = s.data?.tickets ?? [];
  return (
    <Card
      size="small"
      title={
        <Space>
          <BookOutlined />
          {t('kb.suggested')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
            {t('kb.suggestHint')}
          </Typography.Text>
        </Space>
      }
      extra={
        resolved && ticketId ? (
          <Button size="small" onClick={writeUp} loading={write.fromTicket.isPending} data-testid="kb-from-ticket">
            {t('kb.fromTicket')}
          </Button>
        ) : null
      }
      style={{ marginBottom: 12 }}
      data-testid="kb-suggestions"
    >
      {!articles.length && !tickets.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kb.noSuggestions')} /> : null}
      {articles.length ? (
        <Collapse
          size="small"
          items={articles.map((a) => ({
            key: a.id,
            label: (
              <span data-testid="kb-suggested-article">
                {a.title}{' '}
                {a.overlap.map((w) => (
                  <Tag key={w}>{w}</Tag>
                ))}
              </span>
            ),
            children: (
              <div>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                  <b>{t('kb.problem')}：</b>
                  {a.problem}
                </Typography.Paragraph>
                {a.cause ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                    <b>{t('kb.cause')}：</b>
                    {a.cause}
                  </Typography.Paragraph>
                ) : null}
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                  <b>{t('kb.solution')}：</b>
                  {a.solution}
                </Typography.Paragraph>
                <Space>
                  <Button size="small" icon={<LikeOutlined />} disabled={thanked.has(a.id)} onClick={() => helped(a.id)} data-testid="kb-helpful">
                    {t('kb.helpful')}
                  </Button>
                  <Typography.Text type="secondary">{t('kb.helpfulCount', { n: a.helpfulCount })}</Typography.Text>
                  <Link to={`/knowledge/${a.id}`}>{a.title}</Link>
                </Space>
              </div>
            ),
          }))}
        />
      ) : null}
      {tickets.length ? (
        <div style={{ marginTop: articles.length ? 12 : 0 }}>
          <Typography.Text strong>{t('kb.similar')}</Typography.Text>
          <ul style={{ paddingLeft: 18, margin: '4px 0 0' }}>
            {tickets.map((tk) => (
              <li key={tk.id} data-testid="kb-similar-ticket">
                <Link to={`/tickets/${tk.id}`}>{tk.number}</Link> {tk.title}
                {tk.solutionType ? <Tag style={{ marginLeft: 6 }}>{pick(SOLUTION_LABELS[tk.solutionType as SolutionType])}</Tag> : null}
                {tk.resolutionSummary ? <Typography.Text type="secondary"> — {tk.resolutionSummary}</Typography.Text> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}

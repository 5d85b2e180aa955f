import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ARTICLE_LIFECYCLE, ARTICLE_STATUSES, type ArticleStatus } from '@domain/knowledge/article.status';
import { useMe } from '@/features/auth/api';
import { fmtDateTime } from '@/lib/format';
import { can, SERVICE_DESK } from '@/lib/roles';
import { useArticles, type KbArticle } from './api';
import { useKbI18n } from './messages';

export const STATUS_COLOR: Record<ArticleStatus, string> = { draft: 'default', in_review: 'orange', published: 'green', retired: 'red' };

/** 信息库 Articles: search by Chinese words, filter by status (reviewers look at 审核中). */
export default function KnowledgePage() {
  const { t, pick } = useKbI18n();
  const navigate = useNavigate();
  const me = useMe().data;
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<ArticleStatus>();
  const list = useArticles(q, status);
  return (
    <Card
      title={t('kb.title')}
      extra={
        me && can(me.role, [...SERVICE_DESK, 'quality']) ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/knowledge/new')} data-testid="kb-new">
            {t('kb.new')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('kb.search')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value) setQ('');
          }}
          onPressEnter={() => setQ(text.trim())}
          style={{ width: 320 }}
          data-testid="kb-search"
        />
        <Select
          allowClear
          placeholder={t('kb.status')}
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={ARTICLE_STATUSES.map((s) => ({ value: s, label: pick(ARTICLE_LIFECYCLE.labels[s]) }))}
          data-testid="kb-status-filter"
        />
      </Space>
      <Table<KbArticle>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('kb.empty') }}
        onRow={(r) => ({ onClick: () => navigate(`/knowledge/${r.id}`), style: { cursor: 'pointer' } })}
        pagination={false}
        columns={[
          { title: t('kb.articleTitle'), dataIndex: 'title', ellipsis: true },
          {
            title: t('kb.status'),
            dataIndex: 'status',
            width: 110,
            render: (s: ArticleStatus) => <Tag color={STATUS_COLOR[s]}>{pick(ARTICLE_LIFECYCLE.labels[s])}</Tag>,
          },
          { title: t('kb.public'), dataIndex: 'public', width: 130, render: (v: boolean) => (v ? '✓' : '') },
          { title: t('kb.helpful'), dataIndex: 'helpfulCount', width: 90 },
          { title: t('kb.updated'), dataIndex: 'updatedAt', width: 150, render: fmtDateTime },
        ]}
        data-testid="kb-table"
      />
    </Card>
  );
}

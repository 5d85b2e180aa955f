import { App, Button, Card, Col, Form, Input, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ARTICLE_LIFECYCLE, isEditable, type ArticleStatus } from '@domain/knowledge/article.status';
import { useMe } from '@/features/auth/api';
import { useProductModels } from '@/features/products/api';
import { useFaultCategories } from '@/features/repairs/api';
import { errorText } from '@/lib/http';
import { can, CATALOG_EDITORS, SERVICE_DESK } from '@/lib/roles';
import { useArticle, useArticleWrite, type ArticleFields, type KbArticle } from './api';
import { useKbI18n, type KbMessageKey } from './messages';
import { STATUS_COLOR } from './KnowledgePage';

const NEEDS_REASON: readonly ArticleStatus[] = ['draft', 'retired'];

/** One article: edited while draft or in review; submitted, reviewed and published, or retired. */
export default function ArticlePage() {
  const { id } = useParams();
  if (id === 'new') return <ArticleForm />;
  return <ExistingArticle id={id!} />;
}

function ExistingArticle({ id }: { id: string }) {
  const article = useArticle(id);
  if (!article.data) return <Card loading />;
  return <ArticleForm article={article.data} />;
}

function ArticleForm({ article }: { article?: KbArticle }) {
  const { t, pick } = useKbI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe().data;
  const [form] = Form.useForm<ArticleFields>();
  const models = useProductModels();
  const faults = useFaultCategories();
  const write = useArticleWrite();
  const [reason, setReason] = useState('');
  const editable = !article || isEditable(article.status);
  const writer = Boolean(me && can(me.role, [...SERVICE_DESK, 'quality']));
  const reviewer = Boolean(me && can(me.role, CATALOG_EDITORS));

  useEffect(() => {
    if (article) form.setFieldsValue(article);
  }, [article, form]);

  const save = async () => {
    const v = await form.validateFields();
    const body = { ...v, faultCategory: v.faultCategory ?? null, productModelIds: v.productModelIds ?? [] };
    try {
      if (article) await write.update.mutateAsync({ id: article.id, patch: body });
      else navigate(`/knowledge/${(await write.create.mutateAsync(body)).id}`, { replace: true });
      void message.success(t('kb.saved'));
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  const move = async (to: ArticleStatus) => {
    if (!article) return;
    if (NEEDS_REASON.includes(to) && !reason.trim()) return void message.warning(t('kb.reasonNeeded'));
    try {
      await write.move.mutateAsync({ id: article.id, to, reason: reason.trim() || undefined });
      setReason('');
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  const moves = article ? article.allowedMoves.filter((m) => (m === 'published' || m === 'retired' ? reviewer : writer)) : [];

  return (
    <Card
      title={
        <Space>
          {article ? article.title : t('kb.new')}
          {article ? <Tag color={STATUS_COLOR[article.status]}>{pick(ARTICLE_LIFECYCLE.labels[article.status])}</Tag> : null}
        </Space>
      }
      extra={article?.sourceTicketId ? <Link to={`/tickets/${article.sourceTicketId}`}>{t('kb.source')}</Link> : null}
      data-testid="kb-article"
    >
      {!editable ? <Typography.Paragraph type="secondary">{t('kb.readOnly')}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" disabled={!editable || !writer} initialValues={{ public: false, productModelIds: [], cause: '' }}>
        <Form.Item name="title" label={t('kb.articleTitle')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} data-testid="kb-title" />
        </Form.Item>
        <Form.Item name="problem" label={t('kb.problem')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={5000} data-testid="kb-problem" />
        </Form.Item>
        <Form.Item name="cause" label={t('kb.cause')}>
          <Input.TextArea rows={2} maxLength={5000} data-testid="kb-cause" />
        </Form.Item>
        <Form.Item name="solution" label={t('kb.solution')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={4} maxLength={10000} data-testid="kb-solution" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item name="productModelIds" label={t('kb.models')}>
              <Select
                mode="multiple"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={(models.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.modelNumber} ${m.name}` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="faultCategory" label={t('kb.fault')}>
              <Select allowClear options={(faults.data?.items ?? []).map((f) => ({ value: f.code, label: pick(f) }))} data-testid="kb-fault" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="public" label={t('kb.public')} valuePropName="checked">
              <Switch data-testid="kb-public" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Space wrap>
        {editable && writer ? (
          <Button type="primary" onClick={() => void save()} loading={write.create.isPending || write.update.isPending} data-testid="kb-save">
            {t('kb.save')}
          </Button>
        ) : null}
        {moves.map((m) => (
          <Button key={m} danger={m === 'retired'} onClick={() => void move(m)} loading={write.move.isPending} data-testid={`kb-move-${m}`}>
            {t(`kb.move.${m}` as KbMessageKey)}
          </Button>
        ))}
        {moves.some((m) => NEEDS_REASON.includes(m)) ? (
          <Input placeholder={t('kb.reason')} value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 260 }} data-testid="kb-reason" />
        ) : null}
        {article ? <Typography.Text type="secondary">{t('kb.helpfulCount', { n: article.helpfulCount })}</Typography.Text> : null}
      </Space>
    </Card>
  );
}

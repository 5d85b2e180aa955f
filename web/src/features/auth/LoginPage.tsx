import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { errorText } from '@/lib/http';
import { useI18n, type Locale } from '@/lib/i18n';
import { useLogin } from './api';

export default function LoginPage() {
  const { t, locale, setLocale } = useI18n();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();

  const onFinish = async (values: { username: string; password: string }) => {
    const { user } = await login.mutateAsync(values);
    if (user.locale === 'en' || user.locale === 'zh-CN') setLocale(user.locale);
    const next = params.get('next');
    navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/tickets', { replace: true });
  };

  return (
    <div style={{ minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <Segmented<Locale>
            size="small"
            value={locale}
            onChange={setLocale}
            options={[
              { label: '中文', value: 'zh-CN' },
              { label: 'EN', value: 'en' },
            ]}
          />
        </div>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {login.error ? <Alert type="error" showIcon title={errorText(login.error)} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
        <Form layout="vertical" onFinish={(v) => void onFinish(v).catch(() => undefined)} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true }]}>
            <Input autoFocus autoComplete="username" id="username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" id="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

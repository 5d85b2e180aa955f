import { Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n';

// Loaded only when needed: antd's Result illustrations are large.
export function Forbidden() {
  const { t } = useI18n();
  return <Result status="403" title="403" subTitle={t('app.forbidden')} extra={<Link to="/tickets">{t('app.backHome')}</Link>} data-testid="forbidden" />;
}
export function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('app.notFound')} extra={<Link to="/tickets">{t('app.backHome')}</Link>} />;
}

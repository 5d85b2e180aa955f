import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { authKeys, useMe } from '@/features/auth/api';
import { setOnUnauthenticated } from '@/lib/http';
import { useI18n } from '@/lib/i18n';
import { usePrefersReducedMotion } from '@/lib/reduced-motion';

const LoginPage = lazy(() => import('@/features/auth/LoginPage'));
const Shell = lazy(() => import('./Shell'));

export function PageSpin() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}

export function App() {
  const { locale, setLocale } = useI18n();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();

  // An expired session anywhere sends the user back to the log-in page.
  useEffect(() => {
    setOnUnauthenticated(() => {
      qc.setQueryData(authKeys.me, null);
    });
  }, [qc]);

  // The language is remembered per user (PATCH /me); follow it when the session starts.
  const userLocale = me.data?.locale;
  useEffect(() => {
    if (userLocale === 'en' || userLocale === 'zh-CN') setLocale(userLocale);
  }, [userLocale, setLocale]);

  const reducedMotion = usePrefersReducedMotion();
  const theme = useMemo(() => ({ token: { colorPrimary: '#1668dc', motion: !reducedMotion } }), [reducedMotion]);

  const loggedIn = Boolean(me.data);
  useEffect(() => {
    if (me.isSuccess && !loggedIn && location.pathname !== '/login') {
      const next = location.pathname + location.search;
      navigate(`/login${next && next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`, { replace: true });
    }
  }, [me.isSuccess, loggedIn, location.pathname, location.search, navigate]);

  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp style={{ height: '100%' }}>
        {me.isPending ? (
          <PageSpin />
        ) : (
          <Suspense fallback={<PageSpin />}>
            <Routes>
              <Route path="/login" element={loggedIn ? <Navigate to="/tickets" replace /> : <LoginPage />} />
              <Route path="/*" element={loggedIn ? <Shell /> : <PageSpin />} />
            </Routes>
          </Suspense>
        )}
      </AntApp>
    </ConfigProvider>
  );
}

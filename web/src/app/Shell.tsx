import { BellOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Grid, Layout, Popover, Segmented, Space, Tooltip } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useLogout, useMe, useSetMyLocale, type User } from '@/features/auth/api';
import { NotificationsBell } from '@/features/notifications/NotificationsBell';
import { useI18n, type Locale } from '@/lib/i18n';
import { useLiveUpdates } from '@/lib/live';
import { ADMIN, can, MANAGERS, STAFF } from '@/lib/roles';
import type { Role } from '@/lib/labels';
import { PageSpin } from './App';
import { ErrorBoundary } from './ErrorBoundary';
import { menuEntryFor, menuKey } from './menu-entry';
import { STAFF_PAGES } from './pages';

const NAV_CSS = `
.shell-nav { display: flex; flex-direction: column; gap: 2px; padding: 4px 8px; }
.shell-nav a { display: flex; align-items: center; gap: 10px; padding: 9px 12px; border-radius: 6px; color: rgba(0,0,0,.88); white-space: nowrap; overflow: hidden; }
.shell-nav a:hover { background: rgba(0,0,0,.04); }
.shell-nav a.selected { background: #e6f4ff; color: #1668dc; font-weight: 500; }
`;

const Forbidden = lazy(() => import('./StatusPages').then((m) => ({ default: m.Forbidden })));
const NotFound = lazy(() => import('./StatusPages').then((m) => ({ default: m.NotFound })));

function Guard({ role, allow, children }: { role: Role; allow: readonly Role[]; children: ReactNode }) {
  return can(role, allow) ? <>{children}</> : <Forbidden />;
}

export default function Shell() {
  const { data: me } = useMe();
  const user = me as User;
  const { t, locale, setLocale } = useI18n();
  const setMyLocale = useSetMyLocale();
  const logout = useLogout();
  const location = useLocation();
  const navigate = useNavigate();
  const live = useLiveUpdates();
  const screens = Grid.useBreakpoint();

  const [collapsed, setCollapsed] = useState(false);
  // Phones: the menu is a drawer opened from the header's button; antd's floating zero-width trigger
  // would sit over the page's tabs.
  const phone = !screens.md;
  const items = useMemo(
    () =>
      STAFF_PAGES.flatMap((p) =>
        p.menu && can(user.role, p.menu.listFor ?? p.allow ?? STAFF) ? [{ key: menuKey(p), icon: p.menu.icon, label: p.menu.label(t, locale === 'en') }] : [],
      ),
    [t, user.role, locale],
  );

  const path = location.pathname;
  // On a phone the open menu covers the page: close it once a page is chosen.
  useEffect(() => {
    if (screens.md === false) setCollapsed(true);
  }, [path, screens.md]);
  const selected = menuEntryFor(path, STAFF_PAGES);

  const changeLocale = (l: Locale) => {
    setLocale(l);
    setMyLocale.mutate(l);
  };

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Sider
        breakpoint="xl"
        collapsed={collapsed}
        onCollapse={setCollapsed}
        collapsedWidth={screens.md ? 64 : 0}
        trigger={phone ? null : undefined}
        theme="light"
        width={200}
        style={{
          borderRight: '1px solid #f0f0f0',
          // The menu scrolls on its own: an administrator's ~30 entries are taller than a 900 px window,
          // and the page (with a modal's mask) stayed as tall as the menu.
          ...(phone && !collapsed
            ? { position: 'fixed', insetBlock: 0, left: 0, zIndex: 1000, boxShadow: '2px 0 8px rgba(0,0,0,.15)', overflowY: 'auto' }
            : { position: 'sticky', top: 0, height: '100vh', overflowY: 'auto' }),
        }}
        data-testid="sider"
      >
        <div style={{ padding: '16px 16px 8px', fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {collapsed ? '售后' : t('app.name')}
        </div>
        <nav data-testid="main-menu" className="shell-nav">
          {items.map((i) => (
            <Link key={i.key} to={i.key} className={i.key === selected ? 'selected' : undefined} title={collapsed ? i.label : undefined} data-key={i.key}>
              {i.icon}
              {collapsed ? null : <span>{i.label}</span>}
            </Link>
          ))}
        </nav>
        <style>{NAV_CSS}</style>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: phone ? '0 8px' : '0 16px',
            gap: 8,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
            height: 56,
            lineHeight: '56px',
          }}
        >
          <Space size={4} style={{ minWidth: 0 }}>
            {phone ? (
              <Button type="text" icon={<MenuOutlined />} onClick={() => setCollapsed((c) => !c)} aria-label={t('shell.menu')} data-testid="menu-button" />
            ) : null}
            <strong style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', display: 'block' }}>{t('app.name')}</strong>
          </Space>
          <Space size={phone ? 'small' : 'middle'}>
            <Tooltip title={live === 'open' ? t('shell.live') : t('shell.offline')}>
              <span
                data-testid="live-indicator"
                data-state={live}
                style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: live === 'open' ? '#52c41a' : '#faad14' }}
              />
            </Tooltip>
            <Segmented<Locale>
              size="small"
              value={locale}
              onChange={changeLocale}
              options={[
                { label: '中文', value: 'zh-CN' },
                { label: 'EN', value: 'en' },
              ]}
              data-testid="locale-switch"
            />
            <NotificationsBell />
            <Popover
              trigger="click"
              placement="bottomRight"
              content={
                <div style={{ minWidth: 140 }}>
                  <span style={{ color: 'rgba(0,0,0,.45)' }}>{t(`role.${user.role}`)}</span>
                  <Button
                    type="text"
                    block
                    icon={<BellOutlined />}
                    style={{ textAlign: 'left', marginTop: 8 }}
                    data-testid="my-notification-settings"
                    onClick={() => navigate('/me/notifications')}
                  >
                    {locale === 'en' ? 'Notification settings' : '通知设置'}
                  </Button>
                  <Button
                    type="text"
                    block
                    icon={<LogoutOutlined />}
                    style={{ textAlign: 'left', marginTop: 8 }}
                    data-testid="logout"
                    onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
                  >
                    {t('shell.logout')}
                  </Button>
                </div>
              }
            >
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu" aria-label={user.displayName}>
                {phone ? null : user.displayName}
              </Button>
            </Popover>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 16, minWidth: 0 }}>
          <ErrorBoundary key={path}>
            <Suspense fallback={<PageSpin />}>
              <Routes>
                <Route index element={<Navigate to="/tickets" replace />} />
                {STAFF_PAGES.map(({ path: route, Page, allow }) => (
                  <Route
                    key={route}
                    path={route}
                    element={
                      allow ? (
                        <Guard role={user.role} allow={allow}>
                          <Page />
                        </Guard>
                      ) : (
                        <Page />
                      )
                    }
                  />
                ))}
                <Route
                  path="admin/*"
                  element={
                    <Guard role={user.role} allow={MANAGERS}>
                      <Navigate to={can(user.role, ADMIN) ? '/admin/users' : '/admin/calendars'} replace />
                    </Guard>
                  }
                />
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

import {
  ApartmentOutlined,
  DeploymentUnitOutlined,
  AppstoreOutlined,
  BarcodeOutlined,
  CalendarOutlined,
  FieldTimeOutlined,
  FileProtectOutlined,
  FormOutlined,
  LogoutOutlined,
  MenuOutlined,
  SettingOutlined,
  BellOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
  AuditOutlined,
  InboxOutlined,
  ScheduleOutlined,
  LineChartOutlined,
  SafetyOutlined,
  PhoneOutlined,
  AlertOutlined,
  ApiOutlined,
  MailOutlined,
  AccountBookOutlined,
  CarOutlined,
  RollbackOutlined,
  ReadOutlined,
} from '@ant-design/icons';
import { Button, Grid, Layout, Popover, Segmented, Space, Tooltip } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useLogout, useMe, useSetMyLocale, type User } from '@/features/auth/api';
import { NotificationsBell } from '@/features/notifications/NotificationsBell';
import { useI18n, type Locale } from '@/lib/i18n';
import { useLiveUpdates } from '@/lib/live';
import { ADMIN, can, CUSTOMER_READERS, MANAGERS, SERVICE_DESK, STAFF } from '@/lib/roles';
import { REFUND_READERS, RMA_DESK, RMA_LOGISTICS, STOCK_USERS } from '@/lib/roles';
import { REPAIR_DISPATCHERS } from '@domain/repair/repair.roles';
import { FOLLOWUP_READERS } from '@domain/followup/followup.roles';
import { COMPLAINT_READERS } from '@domain/complaint/complaint.roles';
import type { Role } from '@/lib/labels';
import { PageSpin } from './App';
import { ErrorBoundary } from './ErrorBoundary';

interface NavItem {
  key: string;
  icon: ReactNode;
  label: string;
  allow: readonly Role[];
}
const NAV_CSS = `
.shell-nav { display: flex; flex-direction: column; gap: 2px; padding: 4px 8px; }
.shell-nav a { display: flex; align-items: center; gap: 10px; padding: 9px 12px; border-radius: 6px; color: rgba(0,0,0,.88); white-space: nowrap; overflow: hidden; }
.shell-nav a:hover { background: rgba(0,0,0,.04); }
.shell-nav a.selected { background: #e6f4ff; color: #1668dc; font-weight: 500; }
`;

const QueuePage = lazy(() => import('@/features/tickets/QueuePage'));
const NewTicketPage = lazy(() => import('@/features/tickets/NewTicketPage'));
const TicketPage = lazy(() => import('@/features/tickets/TicketPage'));
const CustomersPage = lazy(() => import('@/features/customers/CustomersPage'));
const CustomerPage = lazy(() => import('@/features/customers/CustomerPage'));
const ProductModelsPage = lazy(() => import('@/features/products/ProductModelsPage'));
const SerialUnitsPage = lazy(() => import('@/features/products/SerialUnitsPage'));
const UsersPage = lazy(() => import('@/features/admin/UsersPage'));
const RegionsPage = lazy(() => import('@/features/customers/RegionsPage'));
const ChannelsPage = lazy(() => import('@/features/channels/ChannelsPage'));
const FaultCataloguePage = lazy(() => import('@/features/repairs/FaultCataloguePage'));
const CalendarsPage = lazy(() => import('@/features/sla/CalendarsPage'));
const PoliciesPage = lazy(() => import('@/features/sla/PoliciesPage'));
const ContractsPage = lazy(() => import('@/features/sla/ContractsPanel'));
const PendingExplanationsPage = lazy(() => import('@/features/sla/PendingExplanationsPage'));
const PartsPage = lazy(() => import('@/features/parts/PartsPage'));
const RepairTasksPage = lazy(() => import('@/features/repairs/TasksPage'));
const ReportsDashboardPage = lazy(() => import('@/features/reports/DashboardPage'));
const PrivacyPage = lazy(() => import('@/features/privacy/PrivacyPage'));
const FollowupsPage = lazy(() => import('@/features/followups/FollowupsPage'));
const IncidentsPage = lazy(() => import('@/features/reports/IncidentsPage'));
const IncidentFeedbackPage = lazy(() => import('@/features/reports/FeedbackPage'));
const KnowledgePage = lazy(() => import('@/features/knowledge/KnowledgePage'));
const KbArticlePage = lazy(() => import('@/features/knowledge/ArticlePage'));
const ComplaintsPage = lazy(() => import('@/features/complaints/ComplaintsPage'));
const ComplaintPage = lazy(() => import('@/features/complaints/ComplaintPage'));
const DisputePage = lazy(() => import('@/features/complaints/DisputePage'));
const MailSettingsPage = lazy(() => import('@/features/mail/MailSettingsPage'));
const MailPrefsPage = lazy(() => import('@/features/notifications/MailPrefsPage'));
const RmaListPage = lazy(() => import('@/features/returns/RmaListPage'));
const LogisticsPage = lazy(() => import('@/features/returns/LogisticsPage'));
const EligibilityPage = lazy(() => import('@/features/returns/EligibilityPage'));
const FinancePage = lazy(() => import('@/features/finance/FinancePage'));
const DispatchBoardPage = lazy(() => import('@/features/dispatch/DispatchBoardPage'));
const DispatchSettingsPage = lazy(() => import('@/features/dispatch/DispatchSettingsPage'));

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
  const items = useMemo(() => {
    const all: NavItem[] = [
      { key: '/tickets', icon: <UnorderedListOutlined />, label: t('menu.queue'), allow: STAFF },
      { key: '/tickets/new', icon: <FormOutlined />, label: t('menu.newTicket'), allow: SERVICE_DESK },
      { key: '/repairs/tasks', icon: <ScheduleOutlined />, label: locale === 'en' ? 'Today’s visits' : '今日任务', allow: ['engineer'] },
      { key: '/followups', icon: <PhoneOutlined />, label: locale === 'en' ? 'Follow-ups' : '回访任务', allow: FOLLOWUP_READERS },
      { key: '/complaints', icon: <AlertOutlined />, label: locale === 'en' ? 'Complaints' : '投诉管理', allow: COMPLAINT_READERS },
      { key: '/dispatch', icon: <ApartmentOutlined />, label: locale === 'en' ? 'Dispatch board' : '派单看板', allow: REPAIR_DISPATCHERS },
      { key: '/dispatch/settings', icon: <DeploymentUnitOutlined />, label: locale === 'en' ? 'Dispatch settings' : '派单设置', allow: REPAIR_DISPATCHERS },
      { key: '/customers', icon: <TeamOutlined />, label: t('menu.customers'), allow: CUSTOMER_READERS },
      { key: '/knowledge', icon: <ReadOutlined />, label: locale === 'en' ? 'Knowledge base' : '信息库', allow: STAFF },
      { key: '/returns', icon: <RollbackOutlined />, label: locale === 'en' ? 'Returns' : '退换货', allow: RMA_DESK },
      { key: '/returns/eligibility', icon: <RollbackOutlined />, label: locale === 'en' ? 'Return eligibility' : '退换货资格判定', allow: RMA_DESK },
      { key: '/logistics', icon: <CarOutlined />, label: locale === 'en' ? 'Logistics' : '物流', allow: RMA_LOGISTICS },
      { key: '/finance', icon: <AccountBookOutlined />, label: locale === 'en' ? 'Refunds' : '财务 · 退款', allow: REFUND_READERS },
      { key: '/product-models', icon: <AppstoreOutlined />, label: t('menu.productModels'), allow: STAFF },
      { key: '/serial-units', icon: <BarcodeOutlined />, label: t('menu.serialUnits'), allow: STAFF },
      { key: '/parts', icon: <InboxOutlined />, label: locale === 'en' ? 'Spare parts' : '备件库存', allow: STOCK_USERS },
      { key: '/admin/users', icon: <SettingOutlined />, label: `${t('menu.admin')} · ${t('menu.users')}`, allow: ADMIN },
      { key: '/admin/channels', icon: <ApiOutlined />, label: locale === 'en' ? 'Channels' : '消息渠道', allow: ADMIN },
      { key: '/admin/regions', icon: <SettingOutlined />, label: locale === 'en' ? 'Sales regions' : '大区管理', allow: ADMIN },
      { key: '/admin/fault-categories', icon: <SettingOutlined />, label: locale === 'en' ? 'Fault catalogue' : '故障类别目录', allow: ADMIN },
      // Managers read calendars and policies (admins edit them) and manage customer contracts.
      { key: '/admin/calendars', icon: <CalendarOutlined />, label: t('menu.calendars'), allow: MANAGERS },
      { key: '/admin/policies', icon: <FieldTimeOutlined />, label: t('menu.policies'), allow: MANAGERS },
      { key: '/admin/contracts', icon: <FileProtectOutlined />, label: t('menu.contracts'), allow: MANAGERS },
      { key: '/admin/mail', icon: <MailOutlined />, label: locale === 'en' ? 'Mail & templates' : '邮件与模板', allow: MANAGERS },
      { key: '/sla/pending-explanations', icon: <AuditOutlined />, label: t('shell.pendingExplanations'), allow: MANAGERS },
      { key: '/reports/incidents', icon: <AlertOutlined />, label: locale === 'en' ? 'Incidents' : '应急事件', allow: [...MANAGERS, 'quality'] },
      { key: '/reports', icon: <LineChartOutlined />, label: locale === 'en' ? 'Service quality' : '服务质量', allow: MANAGERS },
      { key: '/privacy', icon: <SafetyOutlined />, label: locale === 'en' ? 'Personal data' : '个人信息权利', allow: MANAGERS },
    ];
    return all.filter((i) => can(user.role, i.allow));
  }, [t, user.role, locale]);

  const path = location.pathname;
  // On a phone the open menu covers the page: close it once a page is chosen.
  useEffect(() => {
    if (screens.md === false) setCollapsed(true);
  }, [path, screens.md]);
  const selected =
    path === '/tickets/new'
      ? '/tickets/new'
      : ([
          '/tickets',
          '/followups',
          '/complaints',
          '/disputes',
          '/customers',
          '/knowledge',
          '/product-models',
          '/serial-units',
          '/parts',
          '/dispatch/settings',
          '/dispatch',
          '/admin/users',
          '/admin/channels',
          '/admin/fault-categories',
          '/admin/regions',
          '/admin/calendars',
          '/admin/policies',
          '/admin/contracts',
          '/admin/mail',
          '/privacy',
        ].find((p) => path.startsWith(p)) ?? '');

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
          ...(phone && !collapsed ? { position: 'fixed', insetBlock: 0, left: 0, zIndex: 1000, boxShadow: '2px 0 8px rgba(0,0,0,.15)' } : {}),
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
                <Route path="tickets" element={<QueuePage />} />
                <Route path="me/notifications" element={<MailPrefsPage />} />
                <Route
                  path="tickets/new"
                  element={
                    <Guard role={user.role} allow={SERVICE_DESK}>
                      <NewTicketPage />
                    </Guard>
                  }
                />
                <Route
                  path="privacy"
                  element={
                    <Guard role={user.role} allow={MANAGERS}>
                      <PrivacyPage />
                    </Guard>
                  }
                />
                <Route
                  path="reports/incidents"
                  element={
                    <Guard role={user.role} allow={[...MANAGERS, 'quality']}>
                      <IncidentsPage />
                    </Guard>
                  }
                />
                <Route
                  path="reports/incidents/:id/feedback"
                  element={
                    <Guard role={user.role} allow={[...MANAGERS, 'quality']}>
                      <IncidentFeedbackPage />
                    </Guard>
                  }
                />
                <Route path="knowledge" element={<KnowledgePage />} />
                <Route path="knowledge/:id" element={<KbArticlePage />} />
                <Route
                  path="reports"
                  element={
                    <Guard role={user.role} allow={MANAGERS}>
                      <ReportsDashboardPage />
                    </Guard>
                  }
                />
                <Route
                  path="admin/channels"
                  element={
                    <Guard role={user.role} allow={ADMIN}>
                      <ChannelsPage />
                    </Guard>
                  }
                />
                <Route
                  path="admin/mail"
                  element={
                    <Guard role={user.role} allow={MANAGERS}>
                      <MailSettingsPage />
                    </Guard>
                  }
                />
                <Route path="tickets/:id" element={<TicketPage />} />
                <Route path="repairs/tasks" element={<RepairTasksPage />} />
                <Route
                  path="followups"
                  element={
                    <Guard role={user.role} allow={FOLLOWUP_READERS}>
                      <FollowupsPage />
                    </Guard>
                  }
                />
                <Route
                  path="complaints"
                  element={
                    <Guard role={user.role} allow={COMPLAINT_READERS}>
                      <ComplaintsPage />
                    </Guard>
                  }
                />
                <Route
                  path="complaints/:id"
                  element={
                    <Guard role={user.role} allow={COMPLAINT_READERS}>
                      <ComplaintPage />
                    </Guard>
                  }
                />
                <Route
                  path="disputes/:id"
                  element={
                    <Guard role={user.role} allow={COMPLAINT_READERS}>
                      <DisputePage />
                    </Guard>
                  }
                />
                <Route
                  path="returns"
                  element={
                    <Guard role={user.role} allow={RMA_DESK}>
                      <RmaListPage />
                    </Guard>
                  }
                />
                <Route
                  path="returns/eligibility"
                  element={
                    <Guard role={user.role} allow={RMA_DESK}>
                      <EligibilityPage />
                    </Guard>
                  }
                />
                <Route
                  path="logistics"
                  element={
                    <Guard role={user.role} allow={RMA_LOGISTICS}>
                      <LogisticsPage />
                    </Guard>
                  }
                />
                <Route
                  path="finance"
                  element={
                    <Guard role={user.role} allow={REFUND_READERS}>
                      <FinancePage />
                    </Guard>
                  }
                />
                <Route
                  path="dispatch"
                  element={
                    <Guard role={user.role} allow={REPAIR_DISPATCHERS}>
                      <DispatchBoardPage />
                    </Guard>
                  }
                />
                <Route
                  path="dispatch/settings"
                  element={
                    <Guard role={user.role} allow={REPAIR_DISPATCHERS}>
                      <DispatchSettingsPage />
                    </Guard>
                  }
                />
                <Route
                  path="customers"
                  element={
                    <Guard role={user.role} allow={CUSTOMER_READERS}>
                      <CustomersPage />
                    </Guard>
                  }
                />
                <Route
                  path="customers/:id"
                  element={
                    <Guard role={user.role} allow={CUSTOMER_READERS}>
                      <CustomerPage />
                    </Guard>
                  }
                />
                <Route path="product-models" element={<ProductModelsPage />} />
                <Route path="serial-units" element={<SerialUnitsPage />} />
                <Route
                  path="parts/:tab?"
                  element={
                    <Guard role={user.role} allow={STOCK_USERS}>
                      <PartsPage />
                    </Guard>
                  }
                />
                <Route
                  path="admin/users"
                  element={
                    <Guard role={user.role} allow={ADMIN}>
                      <UsersPage />
                    </Guard>
                  }
                />
                <Route
                  path="admin/regions"
                  element={
                    <Guard role={user.role} allow={ADMIN}>
                      <RegionsPage />
                    </Guard>
                  }
                />
                <Route
                  path="admin/fault-categories"
                  element={
                    <Guard role={user.role} allow={ADMIN}>
                      <FaultCataloguePage />
                    </Guard>
                  }
                />
                <Route
                  path="admin/calendars"
                  element={
                    <Guard role={user.role} allow={MANAGERS}>
                      <CalendarsPage />
                    </Guard>
                  }
                />
                <Route
                  path="admin/policies"
                  element={
                    <Guard role={user.role} allow={MANAGERS}>
                      <PoliciesPage />
                    </Guard>
                  }
                />
                <Route
                  path="admin/contracts"
                  element={
                    <Guard role={user.role} allow={MANAGERS}>
                      <ContractsPage />
                    </Guard>
                  }
                />
                <Route
                  path="sla/pending-explanations"
                  element={
                    <Guard role={user.role} allow={MANAGERS}>
                      <PendingExplanationsPage />
                    </Guard>
                  }
                />
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

import {
  AccountBookOutlined,
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarcodeOutlined,
  CalendarOutlined,
  CarOutlined,
  DeploymentUnitOutlined,
  FieldTimeOutlined,
  FileProtectOutlined,
  FormOutlined,
  InboxOutlined,
  LineChartOutlined,
  MailOutlined,
  PhoneOutlined,
  ReadOutlined,
  RollbackOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { TFunction } from '@/lib/i18n';
import type { Role } from '@/lib/labels';
import { ADMIN, CUSTOMER_READERS, MANAGERS, REFUND_READERS, RMA_DESK, RMA_LOGISTICS, SERVICE_DESK, STAFF, STOCK_USERS } from '@/lib/roles';
import { COMPLAINT_READERS } from '@domain/complaint/complaint.roles';
import { FOLLOWUP_READERS } from '@domain/followup/followup.roles';
import { REPAIR_DISPATCHERS } from '@domain/repair/repair.roles';

/**
 * Every staff page in one table: its address, who may open it and, for the pages in the side menu,
 * its entry there. The routes, the menu and the menu's highlight are all read from it, so a page
 * cannot be in the menu for a role its route refuses, nor open without its entry lighting up.
 * Menu order is table order.
 */
export interface StaffPage {
  /** Route path, without the leading slash. */
  path: string;
  Page: LazyExoticComponent<ComponentType>;
  /** Roles that may open it; absent: every signed-in user (the API still checks each call). */
  allow?: readonly Role[];
  menu?: {
    icon: ReactNode;
    label: (t: TFunction, en: boolean) => string;
    /** Roles it is listed for, when fewer than may open it (an engineer's day, not a manager's). */
    listFor?: readonly Role[];
    /** Other addresses under this entry (a dispute belongs to complaints). */
    alsoUnder?: string[];
  };
}

const both = (zh: string, en: string) => (_t: TFunction, isEn: boolean) => (isEn ? en : zh);

export const STAFF_PAGES: StaffPage[] = [
  {
    path: 'tickets',
    Page: lazy(() => import('@/features/tickets/QueuePage')),
    menu: { icon: <UnorderedListOutlined />, label: (t) => t('menu.queue'), listFor: STAFF },
  },
  {
    path: 'tickets/new',
    Page: lazy(() => import('@/features/tickets/NewTicketPage')),
    allow: SERVICE_DESK,
    menu: { icon: <FormOutlined />, label: (t) => t('menu.newTicket') },
  },
  {
    path: 'repairs/tasks',
    Page: lazy(() => import('@/features/repairs/TasksPage')),
    menu: { icon: <ScheduleOutlined />, label: both('今日任务', 'Today’s visits'), listFor: ['engineer'] },
  },
  {
    path: 'followups',
    Page: lazy(() => import('@/features/followups/FollowupsPage')),
    allow: FOLLOWUP_READERS,
    menu: { icon: <PhoneOutlined />, label: both('回访任务', 'Follow-ups') },
  },
  {
    path: 'complaints',
    Page: lazy(() => import('@/features/complaints/ComplaintsPage')),
    allow: COMPLAINT_READERS,
    menu: { icon: <AlertOutlined />, label: both('投诉管理', 'Complaints'), alsoUnder: ['disputes'] },
  },
  {
    path: 'dispatch',
    Page: lazy(() => import('@/features/dispatch/DispatchBoardPage')),
    allow: REPAIR_DISPATCHERS,
    menu: { icon: <ApartmentOutlined />, label: both('派单看板', 'Dispatch board') },
  },
  {
    path: 'dispatch/settings',
    Page: lazy(() => import('@/features/dispatch/DispatchSettingsPage')),
    allow: REPAIR_DISPATCHERS,
    menu: { icon: <DeploymentUnitOutlined />, label: both('派单设置', 'Dispatch settings') },
  },
  {
    path: 'customers',
    Page: lazy(() => import('@/features/customers/CustomersPage')),
    allow: CUSTOMER_READERS,
    menu: { icon: <TeamOutlined />, label: (t) => t('menu.customers') },
  },
  {
    path: 'knowledge',
    Page: lazy(() => import('@/features/knowledge/KnowledgePage')),
    menu: { icon: <ReadOutlined />, label: both('信息库', 'Knowledge base'), listFor: STAFF },
  },
  {
    path: 'returns',
    Page: lazy(() => import('@/features/returns/RmaListPage')),
    allow: RMA_DESK,
    menu: { icon: <RollbackOutlined />, label: both('退换货', 'Returns') },
  },
  {
    path: 'returns/eligibility',
    Page: lazy(() => import('@/features/returns/EligibilityPage')),
    allow: RMA_DESK,
    menu: { icon: <RollbackOutlined />, label: both('退换货资格判定', 'Return eligibility') },
  },
  {
    path: 'logistics',
    Page: lazy(() => import('@/features/returns/LogisticsPage')),
    allow: RMA_LOGISTICS,
    menu: { icon: <CarOutlined />, label: both('物流', 'Logistics') },
  },
  {
    path: 'finance',
    Page: lazy(() => import('@/features/finance/FinancePage')),
    allow: REFUND_READERS,
    menu: { icon: <AccountBookOutlined />, label: both('财务 · 退款', 'Refunds') },
  },
  {
    path: 'product-models',
    Page: lazy(() => import('@/features/products/ProductModelsPage')),
    menu: { icon: <AppstoreOutlined />, label: (t) => t('menu.productModels'), listFor: STAFF },
  },
  {
    path: 'serial-units',
    Page: lazy(() => import('@/features/products/SerialUnitsPage')),
    menu: { icon: <BarcodeOutlined />, label: (t) => t('menu.serialUnits'), listFor: STAFF },
  },
  {
    path: 'parts/:tab?',
    Page: lazy(() => import('@/features/parts/PartsPage')),
    allow: STOCK_USERS,
    menu: { icon: <InboxOutlined />, label: both('备件库存', 'Spare parts') },
  },
  {
    path: 'admin/users',
    Page: lazy(() => import('@/features/admin/UsersPage')),
    allow: ADMIN,
    menu: { icon: <SettingOutlined />, label: (t) => `${t('menu.admin')} · ${t('menu.users')}` },
  },
  {
    path: 'admin/channels',
    Page: lazy(() => import('@/features/channels/ChannelsPage')),
    allow: ADMIN,
    menu: { icon: <ApiOutlined />, label: both('消息渠道', 'Channels') },
  },
  {
    path: 'admin/regions',
    Page: lazy(() => import('@/features/customers/RegionsPage')),
    allow: ADMIN,
    menu: { icon: <SettingOutlined />, label: both('大区管理', 'Sales regions') },
  },
  {
    path: 'admin/fault-categories',
    Page: lazy(() => import('@/features/repairs/FaultCataloguePage')),
    allow: ADMIN,
    menu: { icon: <SettingOutlined />, label: both('故障类别目录', 'Fault catalogue') },
  },
  // Managers read calendars and policies (admins edit them) and manage customer contracts.
  {
    path: 'admin/calendars',
    Page: lazy(() => import('@/features/sla/CalendarsPage')),
    allow: MANAGERS,
    menu: { icon: <CalendarOutlined />, label: (t) => t('menu.calendars') },
  },
  {
    path: 'admin/policies',
    Page: lazy(() => import('@/features/sla/PoliciesPage')),
    allow: MANAGERS,
    menu: { icon: <FieldTimeOutlined />, label: (t) => t('menu.policies') },
  },
  {
    path: 'admin/contracts',
    Page: lazy(() => import('@/features/sla/ContractsPanel')),
    allow: MANAGERS,
    menu: { icon: <FileProtectOutlined />, label: (t) => t('menu.contracts') },
  },
  {
    path: 'admin/mail',
    Page: lazy(() => import('@/features/mail/MailSettingsPage')),
    allow: MANAGERS,
    menu: { icon: <MailOutlined />, label: both('邮件与模板', 'Mail & templates') },
  },
  {
    path: 'sla/pending-explanations',
    Page: lazy(() => import('@/features/sla/PendingExplanationsPage')),
    allow: MANAGERS,
    menu: { icon: <AuditOutlined />, label: (t) => t('shell.pendingExplanations') },
  },
  {
    path: 'reports/incidents',
    Page: lazy(() => import('@/features/reports/IncidentsPage')),
    allow: [...MANAGERS, 'quality'],
    menu: { icon: <AlertOutlined />, label: both('应急事件', 'Incidents') },
  },
  {
    path: 'reports',
    Page: lazy(() => import('@/features/reports/DashboardPage')),
    allow: MANAGERS,
    menu: { icon: <LineChartOutlined />, label: both('服务质量', 'Service quality') },
  },
  {
    path: 'privacy',
    Page: lazy(() => import('@/features/privacy/PrivacyPage')),
    allow: MANAGERS,
    menu: { icon: <SafetyOutlined />, label: both('个人信息权利', 'Personal data') },
  },
  // Opened from other pages, not from the menu.
  { path: 'tickets/:id', Page: lazy(() => import('@/features/tickets/TicketPage')) },
  { path: 'me/notifications', Page: lazy(() => import('@/features/notifications/MailPrefsPage')) },
  { path: 'reports/incidents/:id/feedback', Page: lazy(() => import('@/features/reports/FeedbackPage')), allow: [...MANAGERS, 'quality'] },
  { path: 'knowledge/:id', Page: lazy(() => import('@/features/knowledge/ArticlePage')) },
  { path: 'complaints/:id', Page: lazy(() => import('@/features/complaints/ComplaintPage')), allow: COMPLAINT_READERS },
  { path: 'disputes/:id', Page: lazy(() => import('@/features/complaints/DisputePage')), allow: COMPLAINT_READERS },
  { path: 'customers/:id', Page: lazy(() => import('@/features/customers/CustomerPage')), allow: CUSTOMER_READERS },
];

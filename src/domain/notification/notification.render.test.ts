import { describe, expect, it } from 'vitest';
import { renderNotification } from './notification.render';

describe('renderNotification', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['ticket_filed', { number: 'WX1', priority: 'important' }, '重要工单备案 WX1', 'Important ticket filed: WX1'],
    ['ticket_assigned', { number: 'WX1', isNew: true }, '新工单指派给您 WX1', 'New ticket assigned to you: WX1'],
    ['ticket_assigned', { number: 'WX1', isNew: false }, '工单指派给您 WX1', 'Ticket assigned to you: WX1'],
    ['sla_breached', { number: 'WX1', target: 'firstResponse' }, '工单 WX1 首次响应已超时', 'Ticket WX1: first response overdue'],
    ['sla_warning', { number: 'WX1', target: 'progressUpdate' }, '请向客户通报工单 WX1 的进展', 'Update the customer on ticket WX1'],
    ['sla_warning', { number: 'WX1', target: 'resolution' }, '工单 WX1 解决即将超时', 'Ticket WX1: resolution due soon'],
    [
      'calendar_year_missing',
      { calendarId: 'cn-workdays', year: 2027 },
      '日历 cn-workdays 缺少 2027 年节假日数据，请导入国务院公布的安排',
      "Calendar cn-workdays has no holiday data for 2027: import the State Council's schedule",
    ],
  ];
  it.each(cases)('words %s in both languages', (kind, params, zh, en) => {
    expect(renderNotification({ kind, params }, 'zh-CN')).toBe(zh);
    expect(renderNotification({ kind, params }, 'en')).toBe(en);
  });

  it('shows the stored title of a row without parameters, and never an Object.prototype member as a kind', () => {
    expect(renderNotification({ kind: 'ticket_filed', params: null, title: '紧急工单备案 WX2' }, 'en')).toBe('紧急工单备案 WX2');
    expect(renderNotification({ kind: 'constructor', params: {}, title: null }, 'en')).toBe('constructor');
  });
});

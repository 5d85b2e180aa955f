import { describe, expect, it } from 'vitest';
import { automaticReason, guessLocale, referencedIds, ticketNumberIn, trimReply } from './inbound-rules';
import { headerSafe, renderTemplate, unknownVariables } from './template';

const headers = (h: Record<string, string>) => (name: string) => h[name];

describe('automatic mail', () => {
  it('recognises auto-replies, bulk mail and bounces, and lets a person through', () => {
    expect(automaticReason(headers({ 'auto-submitted': 'auto-replied' }), 'a@b.cn', 'a@b.cn')).toMatch(/auto-submitted/);
    expect(automaticReason(headers({ 'auto-submitted': 'no' }), 'a@b.cn', 'a@b.cn')).toBeNull();
    expect(automaticReason(headers({ precedence: 'bulk' }), 'a@b.cn', 'a@b.cn')).toMatch(/precedence/);
    expect(automaticReason(headers({ 'content-type': 'multipart/report; report-type=delivery-status' }), 'a@b.cn', 'a@b.cn')).toMatch(/delivery/);
    expect(automaticReason(headers({}), '', 'a@b.cn')).toMatch(/null reverse path/);
    expect(automaticReason(headers({}), 'x@y.cn', 'MAILER-DAEMON@y.cn')).toMatch(/sender/);
    expect(automaticReason(headers({}), 'x@y.cn', 'x@y.cn')).toBeNull();
  });
});

describe('threading', () => {
  it('lists In-Reply-To first, then References from the newest', () => {
    expect(referencedIds('<c@x>', '<a@x> <b@x> <c@x>')).toEqual(['<c@x>', '<b@x>', '<a@x>']);
    expect(referencedIds(undefined, undefined)).toEqual([]);
  });
  it('finds the ticket number in a subject', () => {
    expect(ticketNumberIn('Re: [WX20261122001] 打印机卡纸')).toBe('WX20261122001');
    expect(ticketNumberIn('回复：wx20261122012 进度')).toBe('WX20261122012');
    expect(ticketNumberIn('hello')).toBeNull();
  });
});

describe('trimming', () => {
  it('drops quoted history and signatures', () => {
    expect(trimReply('好的，明天可以。\n\n-- \n张三\n电话 123')).toBe('好的，明天可以。');
    expect(trimReply('Fine.\r\n\r\nOn Mon, 30 Nov 2026 at 10:00, 售后 <a@b> wrote:\r\n> old text')).toBe('Fine.');
    expect(trimReply('收到\n> 旧内容\n发自我的 iPhone')).toBe('收到');
    expect(trimReply('谢谢\n\n-----原始邮件-----\n发件人: x')).toBe('谢谢');
  });
  it('guesses the language', () => {
    expect(guessLocale('打印机坏了')).toBe('zh-CN');
    expect(guessLocale('printer broken')).toBe('en');
  });
});

describe('templates', () => {
  it('fills known variables and leaves unknown braces', () => {
    expect(renderTemplate('工单 {number} {customer} {x}', { number: 'WX1', customer: '张' })).toBe('工单 WX1 张 {x}');
    expect(unknownVariables('{number} {foo} {foo}')).toEqual(['foo']);
  });
  it('makes header values single-line (no injected headers)', () => {
    expect(headerSafe('客户\r\nBcc: evil@x.cn')).toBe('客户 Bcc: evil@x.cn');
  });
});

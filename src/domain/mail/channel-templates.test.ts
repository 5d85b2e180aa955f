import { describe, expect, it } from 'vitest';
import { robotLines, smsParams } from './channel-templates';

describe('robot card lines (标签：内容)', () => {
  it('splits each line at its first colon, full-width or not, and skips blank lines', () => {
    expect(robotLines('工单号：{number}\n\n时限: {target}\n说明：配置正确：收到即可')).toEqual({
      lines: [
        ['工单号', '{number}'],
        ['时限', '{target}'],
        ['说明', '配置正确：收到即可'],
      ],
      badLine: null,
    });
  });
  it('names the first line that is not `label: value`', () => {
    expect(robotLines('工单号：1\n没有冒号').badLine).toBe(2);
    expect(robotLines('：没有标签').badLine).toBe(1);
  });
});

describe('SMS parameters from the wording', () => {
  it('takes each variable once, in the order it first appears, with its value', () => {
    expect(smsParams('{status}：工单{number}，再说一次{status}', { number: 'WX1', status: '维修中' })).toEqual([
      ['status', '维修中'],
      ['number', 'WX1'],
    ]);
    expect(smsParams('没有变量', { code: '1' })).toEqual([]);
  });
});

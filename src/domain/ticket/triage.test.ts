import { describe, expect, it } from 'vitest';
import { suggestPriority } from './triage';

describe('priority suggestion', () => {
  it('suggests urgent for production stops and safety', () => {
    expect(suggestPriority('产线停产，设备无法启动').priority).toBe('urgent');
    expect(suggestPriority('电源有漏电的安全隐患').matched).toContain('安全');
  });
  it('suggests important for faults and general otherwise', () => {
    expect(suggestPriority('指示灯不亮').priority).toBe('important');
    expect(suggestPriority('请问如何设置中文界面').priority).toBe('general');
  });
});

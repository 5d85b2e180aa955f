import { describe, expect, it } from 'vitest';
import { COMPLAINT_LIFECYCLE, DISPUTE_LIFECYCLE, resolutionTargetOf } from './index';

describe('投诉 lifecycle (000 §投诉处理)', () => {
  it('runs contact → grade → handled → follow-up; not satisfied goes back to handling', () => {
    expect(COMPLAINT_LIFECYCLE.allowedMoves('received')).toEqual(['contacted', 'escalated', 'withdrawn']);
    expect(() => COMPLAINT_LIFECYCLE.assertTransition('received', 'contacted', { contactNote: '' })).toThrow();
    expect(() => COMPLAINT_LIFECYCLE.assertTransition('contacted', 'handling', { grade: 'complex' })).toThrow();
    expect(() => COMPLAINT_LIFECYCLE.assertTransition('contacted', 'handling', { grade: 'complex', gradeReason: '多部门' })).not.toThrow();
    expect(() => COMPLAINT_LIFECYCLE.assertTransition('handled', 'handling', {})).toThrow();
    expect(() => COMPLAINT_LIFECYCLE.assertTransition('handled', 'handling', { reason: '仍不满意' })).not.toThrow();
    expect(COMPLAINT_LIFECYCLE.terminalStatuses).toEqual(['satisfied', 'escalated', 'withdrawn']);
    expect(resolutionTargetOf('general')).toBe('complaintResolution');
    expect(resolutionTargetOf('complex')).toBe('complaintResolutionComplex');
  });
});

describe('争议 lifecycle (000 §争议处理)', () => {
  it('negotiation first, then mediation, then arbitration or litigation; each stage needs its outcome', () => {
    expect(DISPUTE_LIFECYCLE.allowedMoves('negotiation')).toEqual(['mediation', 'concluded', 'withdrawn']);
    expect(DISPUTE_LIFECYCLE.allowedMoves('mediation')).toEqual(['arbitration', 'litigation', 'concluded', 'withdrawn']);
    expect(DISPUTE_LIFECYCLE.reachableFrom('negotiation').has('arbitration')).toBe(true);
    expect(() => DISPUTE_LIFECYCLE.assertTransition('negotiation', 'arbitration', { stageOutcome: 'x', body: 'y' })).toThrow();
    expect(() => DISPUTE_LIFECYCLE.assertTransition('negotiation', 'mediation', { body: '消协' })).toThrow();
    expect(() => DISPUTE_LIFECYCLE.assertTransition('negotiation', 'mediation', { stageOutcome: '未达成' })).toThrow();
    expect(() => DISPUTE_LIFECYCLE.assertTransition('negotiation', 'mediation', { stageOutcome: '未达成', body: '消协' })).not.toThrow();
    expect(() => DISPUTE_LIFECYCLE.assertTransition('arbitration', 'concluded', { stageOutcome: '裁决执行' })).not.toThrow();
  });
});

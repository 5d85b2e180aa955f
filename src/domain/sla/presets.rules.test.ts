import { describe, expect, it } from 'vitest';
import { SLA_PRESETS } from './presets';

// Every number of every shipped preset, pinned to the RULES.md row it comes from (/work/shared/RULES.md,
// compiled from the source documents). A changed, added or dropped number fails here and must be
// matched against RULES.md first. Keys: preset | request type | priority | target.
const TABLE: Record<string, Record<string, string>> = {
  'doc-000': {
    '*|*|acknowledge': '10 clock_minutes', // Intake: e-mail answered within 10 min (000)
    '*|urgent|progressUpdate': '60 clock_minutes', // Priority grades: progress every 30 min or 1 h (000), looser bound
    'repair|*|firstResponse': '24 clock_hours', // Warranty: contact the customer within 24 h (000)
    'repair|*|onSiteVisit': '48 clock_hours', // Warranty: on-site engineer within 48 h (000)
    'replacement|*|firstResponse': '24 clock_hours',
    'replacement|*|onSiteVisit': '48 clock_hours',
    'return|*|returnReview': '24 clock_hours', // Return / exchange: review within 24 h (000)
    'return|*|refund': '7 working_days', // Return / exchange: refund within 7 wd of receiving the goods (000)
    'exchange|*|returnReview': '24 clock_hours',
    'exchange|*|exchangeShipment': '3 working_days', // Return / exchange: exchange shipped within 3 wd (000, 003)
    'refund|*|refund': '3 working_days', // Refund: finance completes within 3 wd of the request (000)
    'complaint|*|complaintContact': '1 clock_hours', // Complaints: contact within 1 h
    'complaint|*|complaintResolution': '3 working_days', // Complaints: general resolved within 3 wd
    'complaint|*|complaintResolutionComplex': '7 working_days', // Complaints: complex within 7 wd
    'complaint|*|followUp': '3 working_days', // Complaints: follow-up within 3 wd after handling
  },
  'doc-001': {}, // Technical handling: 001 defines response and repair time (§三.6, §三.7) but no durations
  'doc-002': {
    'refund|*|refund': '5 working_days', // Refund: the general norm is 5 wd (002)
    'return|*|refund': '5 working_days',
  },
  'doc-003': {
    '*|*|followUp': '3 working_days', // Follow-up: within 3 wd (003, 000)
    'repair|*|firstResponse': '2 clock_hours', // Technical handling: technical support contacts the customer within 2 h (003)
    'replacement|*|firstResponse': '2 clock_hours',
    'return|*|returnReview': '12 clock_hours', // Return / exchange: review within 12 h (003)
    'return|*|refund': '3 working_days', // Return / exchange: refund 3 wd after warehouse confirmation (003)
    'exchange|*|returnReview': '12 clock_hours',
    'exchange|*|exchangeShipment': '3 working_days',
  },
  'doc-004': {
    '*|*|acknowledge': '10 clock_minutes', // Intake: acknowledge every request within 10 min (004)
    '*|*|followUp': '72 clock_hours', // Follow-up: 24–72 h after completion (004)
    '*|urgent|firstResponse': '30 clock_minutes', // Priority grades: urgent respond within 30 min
    '*|urgent|resolution': '24 clock_hours', // urgent resolve within 24 h
    '*|urgent|followUp': '12 clock_hours', // Follow-up: urgent within 12 h (004)
    '*|important|firstResponse': '2 clock_hours', // important 2 h
    '*|important|resolution': '72 clock_hours', // important 72 h
    '*|general|firstResponse': '4 clock_hours', // general 4 h
    '*|general|resolution': '5 working_days', // general 5 wd
    'return|*|refund': '3 working_days', // 004 §二(四): quality check and refund within 3 wd of receiving the product
    'refund|*|refund': '3 working_days',
  },
  strictest: {
    '*|*|acknowledge': '10 clock_minutes',
    '*|*|followUp': '72 clock_hours',
    '*|urgent|firstResponse': '30 clock_minutes',
    '*|urgent|resolution': '24 clock_hours',
    '*|urgent|progressUpdate': '30 clock_minutes', // tighter bound of "every 30 min or 1 h"
    '*|urgent|followUp': '12 clock_hours',
    '*|important|firstResponse': '2 clock_hours',
    '*|important|resolution': '72 clock_hours',
    '*|general|firstResponse': '4 clock_hours',
    '*|general|resolution': '5 working_days',
    'repair|*|onSiteVisit': '48 clock_hours',
    'replacement|*|onSiteVisit': '48 clock_hours',
    'return|*|returnReview': '12 clock_hours',
    'return|*|refund': '3 working_days',
    'exchange|*|returnReview': '12 clock_hours',
    'exchange|*|exchangeShipment': '3 working_days',
    'refund|*|refund': '3 working_days',
    'complaint|*|complaintContact': '1 clock_hours',
    'complaint|*|complaintResolution': '3 working_days',
    'complaint|*|complaintResolutionComplex': '7 working_days',
  },
};

describe('every preset number is the one RULES.md states', () => {
  it('covers every shipped preset', () => {
    expect(SLA_PRESETS.map((p) => p.id).sort()).toEqual(Object.keys(TABLE).sort());
  });

  it.each(SLA_PRESETS.map((p) => [p.id, p] as const))('%s', (id, preset) => {
    const actual: Record<string, string> = {};
    for (const rule of preset.rules)
      for (const [target, spec] of Object.entries(rule.targets))
        if (spec) actual[`${rule.requestType}|${rule.priority}|${target}`] = `${spec.amount} ${spec.unit}`;
    expect(actual).toEqual(TABLE[id]);
  });

  it('every source is cited', () => {
    for (const preset of SLA_PRESETS) for (const rule of preset.rules) expect(rule.source, `${preset.id} ${rule.requestType}/${rule.priority}`).toBeTruthy();
  });
});

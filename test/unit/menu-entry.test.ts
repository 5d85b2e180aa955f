import { describe, expect, it } from 'vitest';
import { menuEntryFor } from '../../web/src/app/menu-entry';

// The side menu lights the entry of the page being shown (web/src/app/pages.tsx lists them).
const pages = [
  { path: 'tickets', menu: {} },
  { path: 'tickets/new', menu: {} },
  { path: 'complaints', menu: { alsoUnder: ['disputes'] } },
  { path: 'returns', menu: {} },
  { path: 'returns/eligibility', menu: {} },
  { path: 'parts/:tab?', menu: {} },
  { path: 'reports/incidents', menu: {} },
  { path: 'reports', menu: {} },
  { path: 'tickets/:id' },
];

describe('which menu entry an address lights', () => {
  it.each([
    ['/tickets', '/tickets'],
    ['/tickets/6f1c2b1e', '/tickets'],
    ['/tickets/new', '/tickets/new'],
    ['/returns', '/returns'],
    ['/returns/eligibility', '/returns/eligibility'],
    ['/parts/movements', '/parts'],
    ['/reports', '/reports'],
    ['/reports/incidents/9/feedback', '/reports/incidents'],
    ['/disputes/12', '/complaints'],
  ])('%s lights %s', (address, entry) => {
    expect(menuEntryFor(address, pages)).toBe(entry);
  });

  it('lights nothing for a page outside the menu, and never a mere string prefix', () => {
    expect(menuEntryFor('/me/notifications', pages)).toBe('');
    expect(menuEntryFor('/ticketsx', pages)).toBe('');
    expect(menuEntryFor('/reportsold', pages)).toBe('');
  });
});

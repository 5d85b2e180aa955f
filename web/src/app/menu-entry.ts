/** What the menu needs of a page: its route path and, if it is listed, the addresses it also covers. */
export interface MenuPage {
  path: string;
  menu?: { alsoUnder?: string[] };
}

/** The menu address of a page: its path up to the first parameter. */
export const menuKey = (p: MenuPage) => `/${p.path.split('/:')[0]}`;

/**
 * The menu entry an address belongs to: the longest listed path (or one of its alsoUnder) the address
 * is under, so /returns/eligibility lights its own entry and /tickets/42 the queue's.
 */
export function menuEntryFor(pathname: string, pages: readonly MenuPage[]): string {
  let best = '';
  let longest = 0;
  for (const p of pages) {
    if (!p.menu) continue;
    const key = menuKey(p);
    for (const prefix of [key, ...(p.menu.alsoUnder ?? []).map((u) => `/${u}`)]) {
      const under = pathname === prefix || pathname.startsWith(`${prefix}/`);
      if (under && prefix.length > longest) [best, longest] = [key, prefix.length];
    }
  }
  return best;
}

type Pair = { zh: string; en: string };
type Pick = (p: Pair) => string;

// The API returns every policy's and calendar's name in both languages (`names`): a shipped one has
// its English name, one an administrator named shows their name in both. The web picks the screen's
// language; keys and ids ('strictest', 'doc-000', '24x7') are codes, never shown.
export function policyName(p: { names: Pair }, pick: Pick): string {
  return pick(p.names);
}

export function policyDescription(p: { descriptions?: Pair | null }, pick: Pick): string | null {
  return p.descriptions ? pick(p.descriptions) : null;
}

export function calendarName(c: { names: Pair }, pick: Pick): string {
  return pick(c.names);
}

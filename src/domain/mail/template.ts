// 消息模板 Message templates: `{name}` placeholders filled from a fixed set of variables. Pure, shared
// by the server (sending, preview) and the web app (live preview while an admin edits).

export const TEMPLATE_VARIABLES = ['number', 'customer', 'title', 'promisedAt', 'link', 'body', 'status', 'agent'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string>>;

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

/** The placeholders a text uses that are not variables (refused when an admin saves it); `allowed` defaults to the e-mail set. */
export function unknownVariables(text: string, allowed: readonly string[] = TEMPLATE_VARIABLES): string[] {
  const known = new Set<string>(allowed);
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((n) => !known.has(n)))];
}

/** Fills the placeholders; a variable without a value becomes empty, unknown braces stay as typed. */
export function renderTemplate(text: string, values: Partial<Record<string, string>>, allowed: readonly string[] = TEMPLATE_VARIABLES): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (allowed.includes(name) ? (values[name] ?? '') : whole));
}

/** The variables a text uses, each once, in the order they first appear (an SMS gateway numbers them so). */
export function variablesInOrder(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * A value going into a mail header (the subject): line breaks would start a new header (header
 * injection: `客户\r\nBcc: x@evil`), so every control character becomes a space.
 */
export function headerSafe(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .trim()
    .slice(0, 250);
}

import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { renderTemplate, unknownVariables, type TemplateValues } from '../../domain/mail/template';
import { AppError, invalidField, notFound, type Locale } from '../../domain/shared/errors';
import { EMAIL_DEFAULTS, TEMPLATE_KEYS, type TemplateChannel, type TemplateKey, type TemplateText } from './templates.defaults';
import { messageTemplates, replyMacros } from './templates.tables';

const LOCALES: Locale[] = ['zh-CN', 'en'];

export interface TemplateView extends TemplateText {
  key: TemplateKey;
  channel: TemplateChannel;
  locale: Locale;
  /** False while the built-in wording is in use. */
  customised: boolean;
  updatedAt: Date | null;
}

/** The wording to send: the admin's edit, else the built-in text (the email wording serves every channel until edited). */
export async function templateFor(db: DbOrTx, key: TemplateKey, channel: TemplateChannel, locale: Locale): Promise<TemplateText> {
  const [row] = await db
    .select({ subject: messageTemplates.subject, body: messageTemplates.body })
    .from(messageTemplates)
    .where(and(eq(messageTemplates.key, key), eq(messageTemplates.channel, channel), eq(messageTemplates.locale, locale)));
  return row ?? EMAIL_DEFAULTS[key][locale];
}

/** Renders a template; `subject` is left for the caller to make header-safe. */
export async function renderMessage(db: DbOrTx, key: TemplateKey, channel: TemplateChannel, locale: Locale, values: TemplateValues) {
  const t = await templateFor(db, key, channel, locale);
  return { subject: renderTemplate(t.subject, values), body: renderTemplate(t.body, values) };
}

export async function listTemplates(ctx: AppContext, channel: TemplateChannel): Promise<TemplateView[]> {
  const rows = await ctx.db.select().from(messageTemplates).where(eq(messageTemplates.channel, channel));
  return TEMPLATE_KEYS.flatMap((key) =>
    LOCALES.map((locale) => {
      const row = rows.find((r) => r.key === key && r.locale === locale);
      const text = row ?? EMAIL_DEFAULTS[key][locale];
      return { key, channel, locale, subject: text.subject, body: text.body, customised: Boolean(row), updatedAt: row?.updatedAt ?? null };
    }),
  );
}

function assertKnownVariables(text: TemplateText): void {
  const unknown = [...unknownVariables(text.subject), ...unknownVariables(text.body)];
  if (unknown.length)
    throw invalidField(
      'body',
      `未知变量：${unknown.map((u) => `{${u}}`).join('、')}`,
      `Unknown variables: ${unknown.map((u) => `{${u}}`).join(', ')}`,
      'unknown_variable',
    );
}

export async function saveTemplate(ctx: AppContext, key: TemplateKey, channel: TemplateChannel, locale: Locale, text: TemplateText, actor: Actor) {
  assertKnownVariables(text);
  const now = ctx.clock.now();
  await ctx.db
    .insert(messageTemplates)
    .values({ id: randomUUID(), key, channel, locale, ...text, updatedAt: now, updatedById: actor.id })
    .onConflictDoUpdate({
      target: [messageTemplates.key, messageTemplates.channel, messageTemplates.locale],
      set: { ...text, updatedAt: now, updatedById: actor.id },
    });
  return (await listTemplates(ctx, channel)).find((t) => t.key === key && t.locale === locale)!;
}

/** Back to the built-in wording. */
export async function resetTemplate(ctx: AppContext, key: TemplateKey, channel: TemplateChannel, locale: Locale): Promise<void> {
  await ctx.db.delete(messageTemplates).where(and(eq(messageTemplates.key, key), eq(messageTemplates.channel, channel), eq(messageTemplates.locale, locale)));
}

/** What an edit would look like with sample values, before it is saved (unknown variables refused the same way). */
export function previewTemplate(text: TemplateText, values: TemplateValues) {
  assertKnownVariables(text);
  return { subject: renderTemplate(text.subject, values), body: renderTemplate(text.body, values) };
}

// ---- 常用回复 reply macros ----

export async function listMacros(ctx: AppContext) {
  return ctx.db.select().from(replyMacros).orderBy(asc(replyMacros.title));
}

function duplicateTitle(): AppError {
  return invalidField('title', '已有同名的常用回复', 'A reply macro with this title exists', 'duplicate');
}

export async function createMacro(ctx: AppContext, input: { title: string; body: string }, actor: Actor) {
  assertKnownVariables({ subject: '', body: input.body });
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(replyMacros)
    .values({ id: randomUUID(), ...input, createdById: actor.id, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  if (!row) throw duplicateTitle();
  return row;
}

export async function updateMacro(ctx: AppContext, id: string, input: { title: string; body: string }) {
  assertKnownVariables({ subject: '', body: input.body });
  const [clash] = await ctx.db.select({ id: replyMacros.id }).from(replyMacros).where(eq(replyMacros.title, input.title));
  if (clash && clash.id !== id) throw duplicateTitle();
  const [row] = await ctx.db
    .update(replyMacros)
    .set({ ...input, updatedAt: ctx.clock.now() })
    .where(eq(replyMacros.id, id))
    .returning();
  if (!row) throw notFound('reply macro', id);
  return row;
}

export async function deleteMacro(ctx: AppContext, id: string): Promise<void> {
  const gone = await ctx.db.delete(replyMacros).where(eq(replyMacros.id, id)).returning({ id: replyMacros.id });
  if (!gone.length) throw notFound('reply macro', id);
}

import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import {
  CHANNEL_SAMPLE_VALUES,
  ROBOT_DEFAULTS,
  ROBOT_MAX_LINES,
  ROBOT_VARIABLES,
  robotLines,
  SMS_DEFAULTS,
  SMS_VARIABLES,
  smsParams,
  type RobotTemplateKey,
  type RobotWording,
  type SmsTemplateKey,
} from '../../domain/mail/channel-templates';
import { renderTemplate, TEMPLATE_VARIABLES, unknownVariables, type TemplateValues } from '../../domain/mail/template';
import { AppError, invalidField, notFound, type Locale } from '../../domain/shared/errors';
import {
  CHANNEL_KEYS,
  EMAIL_DEFAULTS,
  SAMPLE_VALUES,
  type AnyTemplateKey,
  type TemplateChannel,
  type TemplateKey,
  type TemplateText,
} from './templates.defaults';
import { messageTemplates, replyMacros } from './templates.tables';

const LOCALES: Locale[] = ['zh-CN', 'en'];
// SMS go to mainland phones and robots to the service team's own groups: Chinese only.
const CHANNEL_LOCALES: Record<TemplateChannel, Locale[]> = { email: LOCALES, sms: ['zh-CN'], robot: ['zh-CN'] };

export interface TemplateView {
  key: AnyTemplateKey;
  channel: TemplateChannel;
  locale: Locale;
  subject: string;
  body: string;
  button: string;
  /** The variables this template may use. */
  variables: string[];
  /** False while the built-in wording is in use. */
  customised: boolean;
  updatedAt: Date | null;
}

/** The built-in wording of one template (the key is known to belong to the channel). */
function builtIn(channel: TemplateChannel, key: AnyTemplateKey, locale: Locale): TemplateText {
  if (channel === 'robot') return ROBOT_DEFAULTS[key as RobotTemplateKey];
  if (channel === 'sms') return { subject: '', body: SMS_DEFAULTS[key as SmsTemplateKey] };
  return EMAIL_DEFAULTS[key as TemplateKey][locale];
}

function variablesOf(channel: TemplateChannel, key: AnyTemplateKey): readonly string[] {
  if (channel === 'robot') return ROBOT_VARIABLES[key as RobotTemplateKey];
  if (channel === 'sms') return SMS_VARIABLES[key as SmsTemplateKey];
  return TEMPLATE_VARIABLES;
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

async function storedOrBuiltIn(db: DbOrTx, channel: 'robot' | 'sms', key: AnyTemplateKey): Promise<TemplateText> {
  const [row] = await db
    .select({ subject: messageTemplates.subject, body: messageTemplates.body, button: messageTemplates.button })
    .from(messageTemplates)
    .where(and(eq(messageTemplates.key, key), eq(messageTemplates.channel, channel), eq(messageTemplates.locale, 'zh-CN')));
  return row ?? builtIn(channel, key, 'zh-CN');
}

/** 群机器人卡片的措辞: the card's title, `标签：内容` lines and button for one robot event. */
export async function robotWording(db: DbOrTx, key: RobotTemplateKey): Promise<RobotWording> {
  const t = await storedOrBuiltIn(db, 'robot', key);
  return { subject: t.subject, body: t.body, button: t.button || ROBOT_DEFAULTS[key].button };
}

/** 短信模板措辞: the SMS wording as registered with the gateway, with its `{variables}`. */
export async function smsWording(db: DbOrTx, key: SmsTemplateKey): Promise<string> {
  return (await storedOrBuiltIn(db, 'sms', key)).body;
}

export async function listTemplates(ctx: AppContext, channel: TemplateChannel): Promise<TemplateView[]> {
  const rows = await ctx.db.select().from(messageTemplates).where(eq(messageTemplates.channel, channel));
  return CHANNEL_KEYS[channel].flatMap((key) =>
    CHANNEL_LOCALES[channel].map((locale) => {
      const row = rows.find((r) => r.key === key && r.locale === locale);
      const text = row ?? builtIn(channel, key, locale);
      return {
        key,
        channel,
        locale,
        subject: text.subject,
        body: text.body,
        button: text.button ?? '',
        variables: [...variablesOf(channel, key)],
        customised: Boolean(row),
        updatedAt: row?.updatedAt ?? null,
      };
    }),
  );
}

/** Refuses a key the channel does not have, or a language it is not written in. */
function assertTemplateExists(channel: TemplateChannel, key: AnyTemplateKey, locale: Locale): void {
  if (!CHANNEL_KEYS[channel].includes(key))
    throw invalidField('key', `该渠道没有此模板：${key}`, `The ${channel} channel has no template ${key}`, 'unknown_template');
  if (!CHANNEL_LOCALES[channel].includes(locale))
    throw invalidField('locale', '短信与群机器人模板只有中文', 'SMS and robot templates are Chinese only', 'unsupported_locale');
}

function assertKnownVariables(text: TemplateText, allowed: readonly string[] = TEMPLATE_VARIABLES): void {
  for (const field of ['subject', 'body', 'button'] as const) {
    const unknown = unknownVariables(text[field] ?? '', allowed);
    if (unknown.length)
      throw invalidField(
        field,
        `未知变量：${unknown.map((u) => `{${u}}`).join('、')}`,
        `Unknown variables: ${unknown.map((u) => `{${u}}`).join(', ')}`,
        'unknown_variable',
      );
  }
}

/** A card needs a title, a button and `标签：内容` lines (WeCom shows at most six). */
function assertRobotShape(text: TemplateText): void {
  if (!text.subject.trim()) throw invalidField('subject', '请填写卡片标题', 'The card needs a title', 'required');
  if (!text.button?.trim()) throw invalidField('button', '请填写按钮文字', 'The card needs a button text', 'required');
  const { lines, badLine } = robotLines(text.body);
  if (badLine !== null) throw invalidField('body', `第 ${badLine} 行应写作“标签：内容”`, `Line ${badLine} must read "label: value"`, 'line_format');
  if (lines.length > ROBOT_MAX_LINES)
    throw invalidField('body', `卡片最多 ${ROBOT_MAX_LINES} 行`, `A card has at most ${ROBOT_MAX_LINES} lines`, 'too_many_lines');
}

function assertValid(channel: TemplateChannel, key: AnyTemplateKey, text: TemplateText): void {
  assertKnownVariables(text, variablesOf(channel, key));
  if (channel === 'robot') assertRobotShape(text);
}

export async function saveTemplate(ctx: AppContext, key: AnyTemplateKey, channel: TemplateChannel, locale: Locale, input: TemplateText, actor: Actor) {
  assertTemplateExists(channel, key, locale);
  // SMS have no subject and only robot cards a button: whatever else was sent is dropped, not stored.
  const text = { subject: channel === 'sms' ? '' : input.subject, body: input.body, button: channel === 'robot' ? (input.button ?? '') : '' };
  assertValid(channel, key, text);
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
export async function resetTemplate(ctx: AppContext, key: AnyTemplateKey, channel: TemplateChannel, locale: Locale): Promise<void> {
  assertTemplateExists(channel, key, locale);
  await ctx.db.delete(messageTemplates).where(and(eq(messageTemplates.key, key), eq(messageTemplates.channel, channel), eq(messageTemplates.locale, locale)));
}

export interface TemplatePreview {
  subject: string;
  body: string;
  button?: string;
  /** Robot cards: the lines as the card shows them. */
  lines?: { label: string; value: string }[];
  /** SMS: the parameters the gateway would receive, in order. */
  params?: { name: string; value: string }[];
}

/** What an edit would look like with sample values, before it is saved (unknown variables refused the same way). */
export function previewTemplate(channel: TemplateChannel, key: AnyTemplateKey | undefined, text: TemplateText): TemplatePreview {
  if (channel === 'email') {
    assertKnownVariables(text);
    return { subject: renderTemplate(text.subject, SAMPLE_VALUES), body: renderTemplate(text.body, SAMPLE_VALUES) };
  }
  if (!key) throw invalidField('key', '请选择模板', 'Choose the template', 'required');
  assertTemplateExists(channel, key, 'zh-CN');
  const allowed = variablesOf(channel, key);
  const fill = (s: string) => renderTemplate(s, CHANNEL_SAMPLE_VALUES, allowed);
  if (channel === 'sms') {
    assertKnownVariables({ subject: '', body: text.body }, allowed);
    const params = smsParams(text.body, CHANNEL_SAMPLE_VALUES).map(([name, value]) => ({ name, value }));
    return { subject: '', body: fill(text.body), params };
  }
  const card = { subject: text.subject, body: text.body, button: text.button ?? '' };
  assertValid(channel, key, card);
  const lines = robotLines(card.body).lines.map(([label, value]) => ({ label: fill(label), value: fill(value) }));
  return { subject: fill(card.subject), body: fill(card.body), button: fill(card.button), lines };
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

import { randomUUID } from 'node:crypto';
import { asc, desc, eq } from 'drizzle-orm';
import type { Actor, AppContext, TxContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { SMS_VARIABLES, smsParams } from '../../domain/mail/channel-templates';
import { DEFAULT_SMS_NOTICE_EVENTS, SMS_NOTICE_EVENTS, type SmsNoticeEvent } from '../../domain/mail/sms-notices';
import { renderTemplate } from '../../domain/mail/template';
import { maskPhone } from '../../domain/pii/mask';
import { invalidField } from '../../domain/shared/errors';
import { enqueue, oncePerBatch, type OutboxRegistry } from '../../jobs/outbox';
import { recordSettingsChange } from '../audit/settings-audit';
import { smsWording } from '../templates/templates.service';
import { loadTicket } from '../tickets/tickets.service';
import { smsMessages, smsSettings } from './channels.tables';
import { assertUrlAllowed, OutboundRefused } from './outbound-http';
import { sendThrough, type SmsParams, type SmsProviderConfig, type SmsProviderKind, type SmsPurpose } from './sms.providers';

type Keys = Pick<AppContext, 'keys' | 'clock'>;

export interface SmsSettingsInput {
  provider: SmsProviderKind;
  accessKeyId: string;
  /** Absent or empty on an update: keep the stored secret. */
  accessKeySecret?: string | undefined;
  signName: string;
  templateCode: string;
  templateNotice: string;
  appId?: string | null | undefined;
  region?: string | null | undefined;
  endpoint?: string | null | undefined;
  enabled: boolean;
  /** Absent: keep the stored choice (received + resolved on a first save). */
  noticeEvents?: SmsNoticeEvent[] | undefined;
}

/** What the admin page sees: never the secret, only whether one is stored. */
export async function getSmsSettings(db: DbOrTx) {
  const [row] = await db.select().from(smsSettings).where(eq(smsSettings.id, 1));
  if (!row) return null;
  const { accessKeySecretEnc, id: _id, updatedBy: _by, ...rest } = row;
  return {
    ...rest,
    provider: rest.provider as SmsProviderKind,
    noticeEvents: rest.noticeEvents.filter((e): e is SmsNoticeEvent => (SMS_NOTICE_EVENTS as readonly string[]).includes(e)),
    hasSecret: accessKeySecretEnc.length > 0,
  };
}

export async function saveSmsSettings(ctx: AppContext, input: SmsSettingsInput, actor: Actor) {
  if (input.endpoint) refuseAddress('endpoint', input.endpoint);
  if (input.provider === 'tencent' && !input.appId)
    throw invalidField('appId', '腾讯云短信需要填写 SmsSdkAppId', 'Tencent Cloud SMS needs the SmsSdkAppId', 'required');
  const before = await getSmsSettings(ctx.db);
  const [existing] = await ctx.db.select({ enc: smsSettings.accessKeySecretEnc }).from(smsSettings).where(eq(smsSettings.id, 1));
  const secretEnc = input.accessKeySecret ? ctx.keys.encrypt(input.accessKeySecret) : existing?.enc;
  if (!secretEnc) throw invalidField('accessKeySecret', '请填写 AccessKey Secret', 'The AccessKey secret is required', 'required');
  const row = {
    id: 1,
    provider: input.provider,
    accessKeyId: input.accessKeyId,
    accessKeySecretEnc: secretEnc,
    signName: input.signName,
    templateCode: input.templateCode,
    templateNotice: input.templateNotice,
    appId: input.appId || null,
    region: input.region || null,
    endpoint: input.endpoint || null,
    enabled: input.enabled,
    noticeEvents: [...new Set(input.noticeEvents ?? before?.noticeEvents ?? DEFAULT_SMS_NOTICE_EVENTS)],
    updatedAt: ctx.clock.now(),
    updatedBy: actor.id,
  };
  return ctx.db.transaction(async (tx) => {
    await tx.insert(smsSettings).values(row).onConflictDoUpdate({ target: smsSettings.id, set: row });
    const after = (await getSmsSettings(tx))!;
    await recordSettingsChange(tx, ctx, actor, {
      area: 'sms',
      action: before ? 'updated' : 'created',
      before: before && plainSms(before),
      after: plainSms(after),
      secretsChanged: input.accessKeySecret ? ['accessKeySecret'] : [],
    });
    return after;
  });
}

/** The settings' plain fields as the change record keeps them (no secret, no timestamps). */
function plainSms(v: NonNullable<Awaited<ReturnType<typeof getSmsSettings>>>) {
  const { provider, accessKeyId, signName, templateCode, templateNotice, appId, region, endpoint, enabled, noticeEvents } = v;
  return { provider, accessKeyId, signName, templateCode, templateNotice, appId, region, endpoint, enabled, noticeEvents };
}

/** An address an admin typed, refused with a field error the page can show next to it. */
export function refuseAddress(field: string, url: string): void {
  try {
    assertUrlAllowed(url);
  } catch (err) {
    if (err instanceof OutboundRefused) {
      throw invalidField(field, `不允许的地址（${REFUSAL_ZH[err.reason]}）`, `Address not allowed (${err.reason})`, `outbound_${err.reason}`);
    }
    throw err;
  }
}

const REFUSAL_ZH: Record<OutboundRefused['reason'], string> = {
  scheme: '仅支持 http / https',
  credentials: '地址中不能含用户名或密码',
  metadata: '云服务器元数据地址',
  link_local: '链路本地地址',
  loopback: '本机回环地址',
  private: '内网地址已被禁止',
  own_address: '本服务器自身地址',
  unresolvable: '无法解析',
  invalid: '不是有效的网址',
};

async function providerConfig(db: DbOrTx, keys: AppContext['keys']): Promise<SmsProviderConfig | null> {
  const [row] = await db.select().from(smsSettings).where(eq(smsSettings.id, 1));
  if (!row || !row.enabled) return null;
  return {
    kind: row.provider as SmsProviderKind,
    accessKeyId: row.accessKeyId,
    accessKeySecret: keys.decrypt(row.accessKeySecretEnc),
    signName: row.signName,
    templates: { code: row.templateCode, notice: row.templateNotice },
    appId: row.appId,
    region: row.region,
    endpoint: row.endpoint,
  };
}

const phoneSchema = /^\+?\d[\d ]{5,19}$/;

/**
 * The SMS as the purpose's template (短信模板, templates module) has it: the parameters derived from
 * its variables, and the text for the log — the one-time code masked, so staff never read a login code.
 */
async function composeSms(db: DbOrTx, purpose: SmsPurpose, values: Record<string, string>): Promise<{ params: SmsParams; logText: string }> {
  const wording = await smsWording(db, purpose);
  const shown = purpose === 'code' ? { ...values, code: '******' } : values;
  return { params: smsParams(wording, values), logText: renderTemplate(wording, shown, SMS_VARIABLES[purpose]) };
}

/**
 * Queues one SMS; call inside the caller's transaction. The gateway is called after commit by the
 * outbox (channels.sms_send), so a rolled-back change sends nothing.
 */
export async function queueSms(
  tx: DbOrTx,
  ctx: Keys,
  input: { purpose: SmsPurpose; phone: string; values: Record<string, string>; ticketId?: string | null; dedupeKey?: string | null },
): Promise<string> {
  if (!phoneSchema.test(input.phone)) throw invalidField('phone', '手机号格式不正确', 'Not a phone number', 'phone');
  const id = randomUUID();
  const now = ctx.clock.now();
  const { params, logText } = await composeSms(tx, input.purpose, input.values);
  await tx.insert(smsMessages).values({
    id,
    purpose: input.purpose,
    phoneEnc: ctx.keys.encrypt(input.phone),
    paramsEnc: ctx.keys.encrypt(JSON.stringify(params)),
    textEnc: ctx.keys.encrypt(logText),
    status: 'queued',
    createdAt: now,
    ticketId: input.ticketId ?? null,
    dedupeKey: input.dedupeKey ?? null,
  });
  await enqueue(tx, now, 'channels.sms_send', { smsId: id });
  return id;
}

/** 验证码短信: the portal's one-time code (variable {code}). */
export function sendOneTimeCode(tx: DbOrTx, ctx: Keys, phone: string, code: string): Promise<string> {
  return queueSms(tx, ctx, { purpose: 'code', phone, values: { code } });
}

/** 状态通知短信: "your ticket {number} is now {status}" (variables {number} {status}, in the template's order). */
export function sendStatusNotice(
  tx: DbOrTx,
  ctx: Keys,
  phone: string,
  notice: { number: string; status: string; ticketId?: string | null; dedupeKey?: string | null },
): Promise<string> {
  return queueSms(tx, ctx, {
    purpose: 'notice',
    phone,
    values: { number: notice.number, status: notice.status },
    ticketId: notice.ticketId,
    dedupeKey: notice.dedupeKey,
  });
}

/** A notice is tried three times; a one-time code once (a late code is worse than none: the user asks again). */
const NOTICE_ATTEMPTS = 3;

async function deliverSms(ctx: TxContext, smsId: string): Promise<void> {
  const [msg] = await ctx.tx.select().from(smsMessages).where(eq(smsMessages.id, smsId)).for('update');
  if (!msg || msg.status !== 'queued') return;
  const now = ctx.clock.now();
  const config = await providerConfig(ctx.tx, ctx.keys);
  if (!config) {
    await ctx.tx.update(smsMessages).set({ status: 'failed', error: '未配置短信网关 / no SMS gateway configured' }).where(eq(smsMessages.id, smsId));
    return;
  }
  const params = JSON.parse(ctx.keys.decrypt(msg.paramsEnc)) as SmsParams;
  const result = await sendThrough(config, ctx.keys.decrypt(msg.phoneEnc), msg.purpose as SmsPurpose, params, now);
  const attempts = msg.attempts + 1;
  if (result.ok) {
    await ctx.tx
      .update(smsMessages)
      .set({ status: 'sent', attempts, provider: config.kind, providerMessageId: result.providerMessageId, error: null, sentAt: now })
      .where(eq(smsMessages.id, smsId));
    return;
  }
  const giveUp = msg.purpose === 'code' || attempts >= NOTICE_ATTEMPTS;
  await ctx.tx
    .update(smsMessages)
    .set({ status: giveUp ? 'failed' : 'queued', attempts, provider: config.kind, error: result.error })
    .where(eq(smsMessages.id, smsId));
  if (!giveUp) await enqueue(ctx.tx, new Date(now.getTime() + 60_000 * attempts), 'channels.sms_send', { smsId });
}

/** 发送测试短信: sent at once (not queued) so the admin sees the gateway's verdict on the page. */
export async function sendTestSms(ctx: AppContext, phone: string) {
  if (!phoneSchema.test(phone)) throw invalidField('phone', '手机号格式不正确', 'Not a phone number', 'phone');
  const config = await providerConfig(ctx.db, ctx.keys);
  if (!config) throw invalidField('provider', '请先保存并启用短信网关设置', 'Save and enable the SMS gateway first', 'not_configured');
  const { params, logText } = await composeSms(ctx.db, 'code', { code: '123456' });
  const result = await sendThrough(config, phone, 'code', params, ctx.clock.now());
  await ctx.db.insert(smsMessages).values({
    id: randomUUID(),
    purpose: 'code',
    phoneEnc: ctx.keys.encrypt(phone),
    paramsEnc: ctx.keys.encrypt(JSON.stringify(params)),
    textEnc: ctx.keys.encrypt(logText),
    status: result.ok ? 'sent' : 'failed',
    provider: config.kind,
    providerMessageId: result.providerMessageId,
    error: result.error,
    attempts: 1,
    createdAt: ctx.clock.now(),
    sentAt: result.ok ? ctx.clock.now() : null,
  });
  return result;
}

/** The newest SMS with the number masked (138****5678): what an admin needs to see whether sending works. */
export async function recentSms(ctx: AppContext, limit = 50) {
  const rows = await ctx.db.select().from(smsMessages).orderBy(desc(smsMessages.createdAt)).limit(limit);
  return rows.map((r) => {
    const phone = ctx.keys.decrypt(r.phoneEnc);
    return {
      id: r.id,
      purpose: r.purpose as SmsPurpose,
      phoneMasked: maskPhone(phone) ?? '****',
      text: r.textEnc ? ctx.keys.decrypt(r.textEnc) : null,
      status: r.status as 'queued' | 'sent' | 'failed',
      provider: r.provider,
      error: r.error,
      attempts: r.attempts,
      createdAt: r.createdAt,
      sentAt: r.sentAt,
    };
  });
}

/** 工单短信: the status notices sent about one ticket, oldest first (numbers masked). */
export async function ticketSms(ctx: AppContext, ticketId: string) {
  await loadTicket(ctx.db, ticketId);
  const rows = await ctx.db.select().from(smsMessages).where(eq(smsMessages.ticketId, ticketId)).orderBy(asc(smsMessages.createdAt));
  return rows.map((r) => ({
    id: r.id,
    phoneMasked: maskPhone(ctx.keys.decrypt(r.phoneEnc)) ?? '****',
    text: r.textEnc ? ctx.keys.decrypt(r.textEnc) : null,
    status: r.status as 'queued' | 'sent' | 'failed',
    error: r.error,
    attempts: r.attempts,
    createdAt: r.createdAt,
    sentAt: r.sentAt,
  }));
}

/** Whether a status notice for this event goes out: the gateway is enabled and the admin chose the event. */
export async function noticeEventChosen(ctx: TxContext, event: SmsNoticeEvent): Promise<boolean> {
  const chosen = await oncePerBatch(ctx, 'sms.notice_events', async () => {
    const [row] = await ctx.tx.select({ enabled: smsSettings.enabled, events: smsSettings.noticeEvents }).from(smsSettings).where(eq(smsSettings.id, 1));
    return row?.enabled ? row.events : [];
  });
  return chosen.includes(event);
}

export function registerSmsHandlers(outbox: OutboxRegistry): void {
  outbox.handle('channels.sms_send', 'channels', (ctx, p) => deliverSms(ctx, p.smsId), { external: true });
}

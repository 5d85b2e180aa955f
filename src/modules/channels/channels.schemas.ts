import { z } from 'zod';
import { SMS_NOTICE_EVENTS } from '../../domain/mail/sms-notices';
import { ROBOT_EVENTS } from './channels.topics';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
/** An address an admin types; the outbound guard judges it further (scheme, metadata, own address). */
const address = z.string().trim().min(1).max(2000);

export const smsSettingsIn = z.object({
  provider: z.enum(['aliyun', 'tencent']),
  accessKeyId: text(128),
  accessKeySecret: z.string().max(256).optional().describe('Write-only; leave out to keep the stored secret'),
  signName: text(64),
  templateCode: text(64).describe('Template of the one-time code: ${code} (Aliyun) or {1} (Tencent)'),
  templateNotice: text(64).describe('Template of status notices: ${number} ${status} (Aliyun) or {1} {2} (Tencent)'),
  appId: optionalText(64).describe('Tencent SmsSdkAppId'),
  region: optionalText(64),
  endpoint: address.nullable().optional().describe('Replaces the gateway address (tests, a proxy)'),
  enabled: z.boolean(),
  noticeEvents: z
    .array(z.enum(SMS_NOTICE_EVENTS))
    .max(SMS_NOTICE_EVENTS.length)
    .optional()
    .describe('Which events send the customer a status notice; leave out to keep the stored choice (received + resolved at first)'),
});

export const smsSettingsOut = z
  .object({
    provider: z.enum(['aliyun', 'tencent']),
    accessKeyId: z.string(),
    hasSecret: z.boolean().describe('A secret is stored; it is never returned'),
    signName: z.string(),
    templateCode: z.string(),
    templateNotice: z.string(),
    appId: z.string().nullable(),
    region: z.string().nullable(),
    endpoint: z.string().nullable(),
    enabled: z.boolean(),
    noticeEvents: z.array(z.enum(SMS_NOTICE_EVENTS)),
    updatedAt: z.date(),
  })
  .meta({ id: 'SmsSettings' });

export const sendResultOut = z
  .object({ ok: z.boolean(), error: z.string().nullable().describe("The gateway's or platform's refusal, when not ok") })
  .meta({ id: 'ChannelSendResult' });

export const smsMessageOut = z
  .object({
    id: z.uuid(),
    purpose: z.enum(['code', 'notice']),
    phoneMasked: z.string(),
    text: z.string().nullable().describe('What the customer received, as rendered from the SMS template (a one-time code masked)'),
    status: z.enum(['queued', 'sent', 'failed']),
    provider: z.string().nullable(),
    error: z.string().nullable(),
    attempts: z.number(),
    createdAt: z.date(),
    sentAt: z.date().nullable(),
  })
  .meta({ id: 'SmsMessage' });

export const ticketSmsOut = z
  .object({
    id: z.uuid(),
    phoneMasked: z.string(),
    text: z.string().nullable().describe('The notice as the customer read it'),
    status: z.enum(['queued', 'sent', 'failed']),
    error: z.string().nullable().describe("The gateway's refusal, when failed or about to be retried"),
    attempts: z.number(),
    createdAt: z.date(),
    sentAt: z.date().nullable(),
  })
  .meta({ id: 'TicketSms' });

const robotBase = {
  team: optionalText(64).describe('The team whose tickets it announces; empty: every team'),
  platform: z.enum(['wecom', 'dingtalk', 'feishu']),
  name: text(64),
  secret: z.string().max(256).nullable().optional().describe('加签 secret (DingTalk SEC…, Feishu); write-only'),
  events: z.array(z.enum(ROBOT_EVENTS)).max(ROBOT_EVENTS.length),
  enabled: z.boolean(),
};
export const robotCreateIn = z.object({ ...robotBase, webhookUrl: address.describe('The robot address the platform gave (holds its key); write-only') });
export const robotUpdateIn = z.object({ ...robotBase, webhookUrl: address.optional().describe('Leave out to keep the stored address') });

export const robotOut = z
  .object({
    id: z.uuid(),
    team: z.string().nullable(),
    platform: z.enum(['wecom', 'dingtalk', 'feishu']),
    name: z.string(),
    webhookUrlMasked: z.string().describe('Host and path only; the key is never returned'),
    signed: z.boolean(),
    events: z.array(z.enum(ROBOT_EVENTS)),
    enabled: z.boolean(),
    lastStatus: z.enum(['sent', 'failed']).nullable(),
    lastError: z.string().nullable(),
    lastSentAt: z.date().nullable(),
  })
  .meta({ id: 'TeamRobot' });

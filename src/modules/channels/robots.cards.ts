import { createHmac } from 'node:crypto';
import { ROBOT_VARIABLES, robotLines, type RobotWording } from '../../domain/mail/channel-templates';
import { renderTemplate } from '../../domain/mail/template';
import type { RobotEvent } from './channels.topics';

// 群机器人消息卡片: one card per event, in each platform's own format, always with a button to the
// ticket (or the stock page). The wording is the event's admin-editable template (templates module);
// the card format stays here. Chinese only: the groups are the service team's own.

export type RobotPlatform = 'wecom' | 'dingtalk' | 'feishu';

export interface RobotNotice {
  event: RobotEvent | 'test';
  facts: Record<string, string>;
  /** Where the button goes: the ticket page in the web app. */
  link: string;
}

const TARGETS: Record<string, string> = { first_response: '首次响应', resolution: '解决', progress_update: '进度更新', onsite: '上门', repair: '维修' };
const PRIORITY: Record<string, string> = { urgent: '紧急', important: '重要', general: '一般' };

const target = (f: Record<string, string>) => TARGETS[f.target ?? ''] ?? f.target ?? '';
const beijing = (iso: string | undefined) =>
  iso
    ? new Date(iso).toLocaleString('zh-CN', {
        timeZone: 'Asia/Shanghai',
        hour12: false,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
    : '';

/** Only these events are shown in red (and with "请立即处理" on WeCom): the wording is the admin's, the urgency is not. */
const URGENT: ReadonlySet<RobotNotice['event']> = new Set(['ticket_urgent', 'sla_breached']);

/** The event's facts as a reader wants them: labels instead of codes, deadlines in Beijing time, and the link. */
export function cardValues(n: RobotNotice): Record<string, string> {
  const f = n.facts;
  return {
    ...f,
    priority: PRIORITY[f.priority ?? ''] ?? (n.event === 'ticket_urgent' ? '紧急' : (f.priority ?? '')),
    target: target(f),
    dueAt: beijing(f.dueAt),
    link: n.link,
  };
}

export interface CardContent {
  title: string;
  lines: [string, string][];
  button: string;
  urgent: boolean;
}

/** Title, lines and button from the event's template (robotWording), filled with the formatted facts. */
export function noticeContent(n: RobotNotice, wording: RobotWording): CardContent {
  const allowed = ROBOT_VARIABLES[n.event];
  const values = cardValues(n);
  const fill = (s: string) => renderTemplate(s, values, allowed);
  return {
    title: fill(wording.subject),
    lines: robotLines(wording.body).lines.map(([k, v]) => [fill(k), fill(v)]),
    button: fill(wording.button),
    urgent: URGENT.has(n.event),
  };
}

const markdownLines = (lines: [string, string][]) => lines.map(([k, v]) => `> ${k}：${v}`).join('\n');

/** The JSON body each platform's webhook takes (without the signature fields); `c` is the filled wording. */
export function robotCard(platform: RobotPlatform, n: RobotNotice, c: CardContent): Record<string, unknown> {
  switch (platform) {
    // 企业微信: template_card of type text_notice; card_action makes the whole card open the ticket.
    case 'wecom':
      return {
        msgtype: 'template_card',
        template_card: {
          card_type: 'text_notice',
          source: { desc: '售后服务', desc_color: c.urgent ? 2 : 0 },
          main_title: { title: c.title.slice(0, 26), desc: c.urgent ? '请立即处理' : '' },
          horizontal_content_list: c.lines.map(([keyname, value]) => ({ keyname, value: value.slice(0, 26) })),
          jump_list: [{ type: 1, url: n.link, title: c.button }],
          card_action: { type: 1, url: n.link },
        },
      };
    // 钉钉: actionCard (markdown text with one button).
    case 'dingtalk':
      return {
        msgtype: 'actionCard',
        actionCard: {
          title: c.title,
          text: `### ${c.urgent ? '🔴 ' : ''}${c.title}\n${markdownLines(c.lines)}`,
          btnOrientation: '0',
          singleTitle: c.button,
          singleURL: n.link,
        },
      };
    // 飞书: interactive card with a coloured header, lark_md fields and a button.
    case 'feishu':
      return {
        msg_type: 'interactive',
        card: {
          config: { wide_screen_mode: true },
          header: { title: { tag: 'plain_text', content: c.title }, template: c.urgent ? 'red' : 'orange' },
          elements: [
            { tag: 'div', fields: c.lines.map(([k, v]) => ({ is_short: true, text: { tag: 'lark_md', content: `**${k}**\n${v}` } })) },
            { tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: c.button }, type: 'primary', url: n.link }] },
          ],
        },
      };
  }
}

/** 钉钉加签: sign = urlencode(base64(HMAC-SHA256(key = secret, "timestamp\nsecret"))), timestamp in ms. */
export function dingtalkSign(timestampMs: number, secret: string): string {
  return encodeURIComponent(createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64'));
}

/** 飞书签名校验: base64(HMAC-SHA256(key = "timestamp\nsecret", message = empty)), timestamp in seconds. */
export function feishuSign(timestampSec: number, secret: string): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

/** The request to make: the URL (DingTalk adds timestamp and sign to it) and the body (Feishu adds them there). */
export function signedRobotRequest(
  platform: RobotPlatform,
  webhookUrl: string,
  secret: string | null,
  body: Record<string, unknown>,
  now: Date,
): { url: string; body: string } {
  if (platform === 'dingtalk' && secret) {
    const ts = now.getTime();
    const url = new URL(webhookUrl);
    // sign is already urlencoded, as DingTalk documents; append it verbatim.
    return { url: `${url.toString()}${url.search ? '&' : '?'}timestamp=${ts}&sign=${dingtalkSign(ts, secret)}`, body: JSON.stringify(body) };
  }
  if (platform === 'feishu' && secret) {
    const ts = Math.floor(now.getTime() / 1000);
    return { url: webhookUrl, body: JSON.stringify({ timestamp: String(ts), sign: feishuSign(ts, secret), ...body }) };
  }
  return { url: webhookUrl, body: JSON.stringify(body) };
}

/** Each platform answers 200 even when it refuses: the verdict is in the body. */
export function robotAccepted(platform: RobotPlatform, status: number, text: string): { ok: boolean; error: string | null } {
  if (status < 200 || status >= 300) return { ok: false, error: `HTTP ${status}` };
  let answer: { errcode?: number; errmsg?: string; code?: number; msg?: string; StatusCode?: number } = {};
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  if (platform === 'feishu') {
    const code = answer.code ?? answer.StatusCode;
    return code === 0 ? { ok: true, error: null } : { ok: false, error: `${code}: ${answer.msg ?? ''}`.slice(0, 300) };
  }
  return answer.errcode === 0 ? { ok: true, error: null } : { ok: false, error: `${answer.errcode}: ${answer.errmsg ?? ''}`.slice(0, 300) };
}

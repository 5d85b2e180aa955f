import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { appendEvent } from './audit.service';

/**
 * 渠道配置变更记录: every admin change to how messages leave or arrive (SMS gateway, group robots,
 * SMTP, the IMAP support mailbox, webhook subscriptions) goes on one internal chain, so who changed
 * what and when is on record. Secrets (passwords, AccessKey secrets, signing secrets, robot webhook
 * URLs, which carry the key) never enter the record: only that they were changed.
 */
export const CHANNEL_SETTINGS_CHAIN = { subjectType: 'channel_settings', subjectId: '00000000-0000-4000-8000-0000000c4a77' } as const;

/** `imap`: the polled support mailbox (收信), next to `mail` (SMTP, 发信). */
export type SettingsArea = 'sms' | 'robot' | 'mail' | 'imap' | 'webhook';

export interface SettingsChange {
  area: SettingsArea;
  action: 'created' | 'updated' | 'deleted' | 'cleared';
  /** Which one (a robot's or subscription's id and name); absent for the single SMS / mail settings. */
  target?: { id: string; name: string } | undefined;
  /** Plain fields before and after; fields equal on both sides are left out of the record. */
  before?: Record<string, unknown> | null | undefined;
  after?: Record<string, unknown> | null | undefined;
  /** Secret fields that were set, replaced or removed: named, never valued. */
  secretsChanged?: string[] | undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields that differ, each with its old and new value (pure; exported for its test). */
export function changedFields(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys.filter((k) => !same(before?.[k], after?.[k])).map((k) => ({ field: k, from: before?.[k] ?? null, to: after?.[k] ?? null }));
}

/** Writes the change in the caller's transaction; a save that changed nothing writes nothing. */
export async function recordSettingsChange(tx: DbOrTx, ctx: Pick<AppContext, 'clock' | 'keys'>, actor: Actor, c: SettingsChange): Promise<void> {
  const changes = changedFields(c.before, c.after);
  const secrets = c.secretsChanged ?? [];
  if (c.action === 'updated' && !changes.length && !secrets.length) return;
  await appendEvent(tx, ctx, {
    ...CHANNEL_SETTINGS_CHAIN,
    type: `${c.area}_settings_${c.action}`,
    actor,
    visibility: 'internal',
    data: { area: c.area, action: c.action, target: c.target ?? null, changes, secretsChanged: secrets },
  });
}

import { describe, expect, it } from 'vitest';
import { imapSettingsInput, isLoopback, parseImapUrl } from './imap';

describe('SHOUHOU_IMAP_URL', () => {
  it('reads TLS mode, default ports, folder and interval', () => {
    expect(parseImapUrl('imaps://service%40example.cn:p%40ss@imap.exmail.qq.com/INBOX')).toMatchObject({
      host: 'imap.exmail.qq.com',
      port: 993,
      tls: 'implicit',
      username: 'service@example.cn',
      password: 'p@ss',
      folder: 'INBOX',
      pollSeconds: 60,
    });
    expect(parseImapUrl('imap://u:p@imap.qiye.aliyun.com/%E5%94%AE%E5%90%8E?poll=30')).toMatchObject({
      port: 143,
      tls: 'starttls',
      folder: '售后',
      pollSeconds: 30,
    });
    expect(parseImapUrl('imap://u:p@127.0.0.1:1143?tls=none')).toMatchObject({ tls: 'none', folder: 'INBOX' });
  });

  it('refuses plain text to a remote host and other schemes, naming the problem without the password', () => {
    expect(() => parseImapUrl('imap://u:secret@imap.exmail.qq.com?tls=none')).toThrow(/tls/);
    expect(() => parseImapUrl('imap://u:secret@imap.exmail.qq.com?tls=none')).not.toThrow(/secret/);
    expect(() => parseImapUrl('pop3://u:p@host')).toThrow(/imap:\/\//);
  });
});

describe('IMAP settings', () => {
  it('knows loopback hosts', () => {
    expect(['127.0.0.1', 'localhost', '::1', '[::1]', '127.8.9.10'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', 'imap.exmail.qq.com', '127.0.0.1.evil.test'].some(isLoopback)).toBe(false);
  });

  it('reports each bad field by its path', () => {
    const r = imapSettingsInput.safeParse({ host: 'a b', port: 0, tls: 'ssl', username: '' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['host', 'port', 'tls', 'username']);
  });
});

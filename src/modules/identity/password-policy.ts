import { readFileSync } from 'node:fs';
import { repoPath } from '../../repo-root';
import { invalidField } from '../../domain/shared/errors';

// NIST SP 800-63B: a minimum length and a list of passwords attackers try first, no composition
// rules. The list ships with the code (common-passwords.txt) so no start-up needs the network.
export const MIN_PASSWORD_LENGTH = 10;

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(repoPath('src/modules/identity/common-passwords.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
  return common;
}

/** true when the password is on the list, alone or with digits and symbols added at the end ("dragon2024!"). */
export function isCommonPassword(password: string): boolean {
  const p = password.normalize('NFKC').toLowerCase();
  const list = commonPasswords();
  if (list.has(p)) return true;
  const base = p.replace(/[\d\W_]+$/u, '');
  return base.length >= 4 && base !== p && list.has(base);
}

/** Refuses a password a person should not be allowed to set; the message says what to do instead. */
export function assertAcceptablePassword(password: string, username?: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw invalidField('password', `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符`, `The password needs at least ${MIN_PASSWORD_LENGTH} characters`, 'too_short');
  }
  const lower = password.normalize('NFKC').toLowerCase();
  if (isCommonPassword(password) || new Set(lower).size < 3 || lower === username?.toLowerCase()) {
    throw invalidField(
      'password',
      '密码过于常见或容易猜到（常用密码、重复字符或与用户名相同），请换一个更长、不常见的密码，例如几个不相关的词组合',
      'The password is too common or easy to guess (a common password, repeated characters or the same as the user name); choose a longer, unusual one, e.g. a few unrelated words',
      'too_common',
    );
  }
}

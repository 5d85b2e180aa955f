import type { App } from 'antd';
import type { ReactNode } from 'react';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

/**
 * A modal asking why (a move that needs a reason, revealing a contact): resolves with the reason
 * trimmed, or null when cancelled. Under two characters it stays open and says a reason is needed,
 * so the audit trail never records an empty one.
 */
export function askReason(
  modal: ModalApi,
  t: (key: 'common.ok' | 'common.cancel' | 'common.reasonRequired') => string,
  opts: { title: string; content: (onChange: (value: string) => void) => ReactNode },
): Promise<string | null> {
  return new Promise((resolve) => {
    let value = '';
    modal.confirm({
      title: opts.title,
      icon: null,
      content: opts.content((v) => (value = v)),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => {
        if (value.trim().length < 2) {
          void modal.error({ title: t('common.reasonRequired') });
          return Promise.reject(new Error('reason required'));
        }
        resolve(value.trim());
      },
      onCancel: () => resolve(null),
    });
  });
}

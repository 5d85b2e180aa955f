import { useSyncExternalStore } from 'react';

// 减少动态效果: a user who asked the system for less motion (vestibular disorders, WCAG 2.3.3) gets
// no sliding drawers, growing modals or ripple waves — antd's motion token turns them all off. Slow
// tablets gain too: every animation frame is work the page does instead of answering.
const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  const list = window.matchMedia(QUERY);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(QUERY).matches,
    () => false,
  );
}

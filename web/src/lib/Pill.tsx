import type { HTMLAttributes } from 'react';

// A tag-shaped label for the hot paths (queue rows, ticket header). antd's Tag looks the same but
// costs ~4 kB gzip on the queue's first load, which has a 350 kB budget.
const PRESETS: Record<string, [bg: string, border: string, fg: string]> = {
  default: ['#fafafa', '#d9d9d9', 'rgba(0,0,0,.88)'],
  red: ['#fff1f0', '#ffa39e', '#cf1322'],
  orange: ['#fff7e6', '#ffd591', '#d46b08'],
  gold: ['#fffbe6', '#ffe58f', '#d48806'],
  green: ['#f6ffed', '#b7eb8f', '#389e0d'],
  success: ['#f6ffed', '#b7eb8f', '#389e0d'],
  cyan: ['#e6fffb', '#87e8de', '#08979c'],
  blue: ['#e6f4ff', '#91caff', '#0958d9'],
  processing: ['#e6f4ff', '#91caff', '#0958d9'],
  purple: ['#f9f0ff', '#d3adf7', '#531dab'],
};

export function Pill({
  color = 'default',
  style,
  ...rest
}: HTMLAttributes<HTMLSpanElement> & { color?: string; [data: `data-${string}`]: string | undefined }) {
  const [bg, border, fg] = PRESETS[color] ?? PRESETS.default!;
  return (
    <span
      {...rest}
      style={{
        display: 'inline-block',
        padding: '0 7px',
        fontSize: 12,
        lineHeight: '20px',
        borderRadius: 4,
        border: `1px solid ${border}`,
        background: bg,
        color: fg,
        whiteSpace: 'nowrap',
        marginInlineEnd: 8,
        ...style,
      }}
    />
  );
}

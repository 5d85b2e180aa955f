import { Button, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useRepairI18n } from './messages';

// 签字板 The customer signs with a finger or stylus on the engineer's tablet (pointer events cover
// touch, pen and mouse). The drawing is sent as a PNG data URL; the server checks it is a real PNG.
export function SignaturePad({ onChange, height = 180 }: { onChange: (dataUrl: string | null) => void; height?: number }) {
  const { t } = useRepairI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [empty, setEmpty] = useState(true);

  useEffect(() => {
    const c = canvas.current!;
    // The backing store follows the element's size on screen, so strokes land under the finger.
    const ratio = window.devicePixelRatio || 1;
    c.width = Math.round(c.clientWidth * ratio);
    c.height = Math.round(height * ratio);
    const g = c.getContext('2d')!;
    g.scale(ratio, ratio);
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, c.width, c.height);
    g.lineWidth = 2.5;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.strokeStyle = '#111111';
  }, [height]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top] as const;
  };
  const start = (e: React.PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const g = e.currentTarget.getContext('2d')!;
    const [x, y] = point(e);
    g.beginPath();
    g.moveTo(x, y);
    g.lineTo(x + 0.1, y + 0.1);
    g.stroke();
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const g = e.currentTarget.getContext('2d')!;
    const [x, y] = point(e);
    g.lineTo(x, y);
    g.stroke();
  };
  const end = () => {
    if (!drawing.current) return;
    drawing.current = false;
    setEmpty(false);
    onChange(canvas.current!.toDataURL('image/png'));
  };
  const clear = () => {
    const c = canvas.current!;
    const g = c.getContext('2d')!;
    g.save();
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, c.width, c.height);
    g.restore();
    setEmpty(true);
    onChange(null);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('rp.signHere')}</Typography.Text>
      <canvas
        ref={canvas}
        data-testid="signature-pad"
        style={{ width: '100%', height, border: '1px dashed #999', borderRadius: 6, touchAction: 'none', background: '#fff', cursor: 'crosshair' }}
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerLeave={end}
      />
      <Button onClick={clear} disabled={empty} size="small">
        {t('rp.clear')}
      </Button>
    </Space>
  );
}

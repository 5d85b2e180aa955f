import { useCallback, useEffect, useRef } from 'react';

// 签字 A signature drawn with a finger, pen or mouse on a canvas (pointer events cover all three), for
// the engineer's tablet (repairs) and the customer's phone (portal). The drawing leaves as a PNG data
// URL; the server checks it is a real PNG.

function paintBlank(c: HTMLCanvasElement): void {
  const g = c.getContext('2d')!;
  g.save();
  g.setTransform(1, 0, 0, 1, 0, 0);
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, c.width, c.height);
  g.restore();
  g.lineWidth = 2.5;
  g.lineCap = 'round';
  g.lineJoin = 'round';
  g.strokeStyle = '#111111';
}

/**
 * The canvas's ref and pointer handlers; `onChange` gets the PNG after each stroke and null when
 * cleared. The backing store follows the element's size on screen, so strokes land under the finger.
 */
export function useSignatureCanvas(onChange: (dataUrl: string | null) => void) {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);

  useEffect(() => {
    const c = ref.current!;
    const ratio = window.devicePixelRatio || 1;
    c.width = Math.round(c.clientWidth * ratio);
    c.height = Math.round(c.clientHeight * ratio);
    c.getContext('2d')!.scale(ratio, ratio);
    paintBlank(c);
  }, []);

  const at = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top] as const;
  };
  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const g = e.currentTarget.getContext('2d')!;
    const [x, y] = at(e);
    g.beginPath();
    g.moveTo(x, y);
    // A tap leaves a dot.
    g.lineTo(x + 0.1, y + 0.1);
    g.stroke();
  };
  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const g = e.currentTarget.getContext('2d')!;
    const [x, y] = at(e);
    g.lineTo(x, y);
    g.stroke();
  };
  const end = () => {
    if (!drawing.current) return;
    drawing.current = false;
    onChange(ref.current!.toDataURL('image/png'));
  };
  const clear = useCallback(() => {
    paintBlank(ref.current!);
    onChange(null);
  }, [onChange]);

  return { ref, handlers: { onPointerDown, onPointerMove, onPointerUp: end, onPointerLeave: end }, clear };
}

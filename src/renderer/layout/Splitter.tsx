// A drag handle between two panes. It reports the pointer's position along its axis within its
// parent's box, and the caller turns that into a size. Keyboard: it is a focusable separator,
// and the arrow keys move it a step.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export function Splitter({
  axis,
  label,
  testId,
  onMove,
  onStep,
}: {
  /** 'x': a vertical bar dragged left/right; 'y': a horizontal bar dragged up/down. */
  axis: 'x' | 'y';
  label: string;
  testId: string;
  /** Pointer position within the parent: px from its start, and the parent's length. */
  onMove(px: number, length: number): void;
  /** Arrow keys: -1 or +1. */
  onStep(dir: -1 | 1): void;
}) {
  const dragging = useRef(false);
  const place = (e: PointerEvent<HTMLDivElement>) => {
    const parent = e.currentTarget.parentElement;
    if (!parent) return;
    const r = parent.getBoundingClientRect();
    if (axis === 'x') onMove(e.clientX - r.left, r.width);
    else onMove(e.clientY - r.top, r.height);
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const back = axis === 'x' ? 'ArrowLeft' : 'ArrowUp';
    const fwd = axis === 'x' ? 'ArrowRight' : 'ArrowDown';
    if (e.key === back || e.key === fwd) {
      e.preventDefault();
      onStep(e.key === back ? -1 : 1);
    }
  };
  return (
    <div
      className={`splitter splitter-${axis}`}
      role="separator"
      aria-orientation={axis === 'x' ? 'vertical' : 'horizontal'}
      aria-label={label}
      title={label}
      tabIndex={0}
      data-testid={testId}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        e.preventDefault();
      }}
      onPointerMove={(e) => {
        if (dragging.current) place(e);
      }}
      onPointerUp={(e) => {
        dragging.current = false;
        e.currentTarget.releasePointerCapture(e.pointerId);
      }}
      onKeyDown={onKey}
    />
  );
}

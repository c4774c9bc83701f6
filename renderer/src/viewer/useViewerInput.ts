import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { clampZoom, stepZoom } from './layout';

/** What the keyboard and the wheel can ask of the viewer. */
export interface ViewerCommands {
  pageIndex: number;
  pageCount: number;
  zoom: number;
  goTo: (pageIndex: number) => void;
  zoomTo: (zoom: number) => void;
}

/**
 * Keyboard navigation (PageUp/PageDown, Home/End, ←/→ by page; ↑/↓ scroll natively) and zoom
 * (+/−, Ctrl/Cmd+wheel). The wheel listener is registered non-passive so Ctrl+wheel zooms the
 * fax rather than the whole window.
 */
export function useViewerInput(
  pane: RefObject<HTMLElement | null>,
  commands: ViewerCommands,
): (event: KeyboardEvent<HTMLElement>) => void {
  const latest = useRef(commands);
  useEffect(() => {
    latest.current = commands;
  });

  useEffect(() => {
    const element = pane.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const { zoom, zoomTo } = latest.current;
      zoomTo(clampZoom(zoom * (event.deltaY < 0 ? 1.1 : 1 / 1.1)));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [pane]);

  return (event) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, select, textarea')) return;
    const { pageIndex, pageCount, zoom, goTo, zoomTo } = latest.current;
    const go = (index: number) => goTo(Math.max(0, Math.min(pageCount - 1, index)));
    switch (event.key) {
      case 'PageDown':
      case 'ArrowRight':
        go(pageIndex + 1);
        break;
      case 'PageUp':
      case 'ArrowLeft':
        go(pageIndex - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(pageCount - 1);
        break;
      case '+':
      case '=':
        zoomTo(stepZoom(zoom, 1));
        break;
      case '-':
      case '_':
        zoomTo(stepZoom(zoom, -1));
        break;
      case '0':
        if (!event.ctrlKey && !event.metaKey) return;
        zoomTo(1);
        break;
      default:
        return;
    }
    event.preventDefault();
  };
}

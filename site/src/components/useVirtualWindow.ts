import { useLayoutEffect, useRef, useState } from "preact/hooks";

export interface ViewportSize {
  scrollTop: number;
  height: number;
  width: number;
}

/**
 * Tracks a scroll container's position and size so a list can render only the rows in view.
 * Scroll updates are batched to one per animation frame.
 */
export function useViewport<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [viewport, setViewport] = useState<ViewportSize>({ scrollTop: 0, height: 800, width: 1000 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      setViewport({ scrollTop: element.scrollTop, height: element.clientHeight, width: element.clientWidth });
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    measure();
    element.addEventListener("scroll", onScroll, { passive: true });
    const observer = new ResizeObserver(onScroll);
    observer.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      element.removeEventListener("scroll", onScroll);
      observer.disconnect();
    };
  }, []);
  return { ref, viewport };
}

/** The rows [start, end) to render for a list of fixed-height rows, with some overscan. */
export function visibleRange(viewport: ViewportSize, rowHeight: number, rowCount: number, overscan = 6) {
  const start = Math.max(0, Math.floor(viewport.scrollTop / rowHeight) - overscan);
  const end = Math.min(rowCount, Math.ceil((viewport.scrollTop + viewport.height) / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}

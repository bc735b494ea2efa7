// Renders React into jsdom for component tests: a fresh root in a fresh container for each test,
// unmounted and removed after it. `render` runs under act(), so effects are flushed before asserting.
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

// Tells React these renders run under act() (no "not wrapped in act" warnings, effects flushed).
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Call at the top of a test file; `container()` is the current test's element. */
export function reactRoot(): { render: (node: ReactNode) => void; container: () => HTMLElement } {
  let element: HTMLElement;
  let root: Root;
  beforeEach(() => {
    element = document.createElement('div');
    document.body.append(element);
    root = createRoot(element);
  });
  afterEach(() => {
    act(() => root.unmount());
    element.remove();
  });
  return { render: (node) => act(() => root.render(node)), container: () => element };
}

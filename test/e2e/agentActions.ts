// Counts what the agent really did, from the input events Chromium delivered to the page — never from
// a list the test writes. One action is:
//  - a click (a trusted pointerdown);
//  - a key chord (a key with Ctrl, Alt or Meta), or any other key that is not typing (Tab, Escape,
//    arrows, Space or Enter on a button…);
//  - typing one field: its characters, in one go, and the Enter that submits it;
//  - a scroll (scroll events of any container, one action per burst: none closer than 400 ms apart).
// Installed before the page's own scripts and again after a reload, so nothing escapes it.
import type { Page } from '@playwright/test';

declare global {
  interface Window {
    __agentActions?: string[];
  }
}

function install(): void {
  if (window.__agentActions) return;
  const actions: string[] = [];
  window.__agentActions = actions;
  let typingIn: EventTarget | null = null;
  let lastScroll = -Infinity;
  const name = (t: EventTarget | null): string => {
    if (!(t instanceof Element)) return 'page';
    const label =
      t.getAttribute('aria-label') ??
      (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement ? t.labels?.[0]?.innerText : undefined) ??
      (t as HTMLElement).innerText ??
      '';
    return `${t.tagName.toLowerCase()} "${label.trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
  };
  const isField = (t: EventTarget | null) =>
    t instanceof HTMLTextAreaElement ||
    (t instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(t.type));
  addEventListener(
    'pointerdown',
    (e) => {
      if (!e.isTrusted) return;
      typingIn = null;
      actions.push(`click ${name(e.target)}`);
    },
    true,
  );
  addEventListener(
    'input',
    (e) => {
      if (!e.isTrusted || !isField(e.target) || e.target === typingIn) return;
      typingIn = e.target;
      actions.push(`type ${name(e.target)}`);
    },
    true,
  );
  addEventListener(
    'keydown',
    (e) => {
      if (!e.isTrusted || ['Control', 'Shift', 'Alt', 'Meta'].includes(e.key)) return;
      const chord = e.ctrlKey || e.altKey || e.metaKey;
      // Characters typed into a field are counted by 'input'; the Enter ending that typing is part of it.
      if (!chord && isField(e.target) && (e.key.length === 1 || e.key === 'Backspace' || e.key === 'Delete')) return;
      if (!chord && e.key === 'Enter' && e.target === typingIn) {
        typingIn = null;
        return;
      }
      typingIn = null;
      const mods = [e.ctrlKey && 'Ctrl', e.altKey && 'Alt', e.metaKey && 'Meta', e.shiftKey && 'Shift'].filter(Boolean);
      actions.push(`key ${[...mods, e.key].join('+')}`);
    },
    true,
  );
  addEventListener(
    'scroll',
    () => {
      const now = performance.now();
      if (now - lastScroll > 400) actions.push('scroll');
      lastScroll = now;
    },
    true,
  );
}

/** Starts counting on this page, now and after every reload or navigation. */
export async function countAgentActions(page: Page): Promise<void> {
  await page.addInitScript(install);
  await page.evaluate(install);
}

/** The actions counted so far on the page (since it was last loaded). */
export async function agentActions(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window.__agentActions ?? [])]);
}

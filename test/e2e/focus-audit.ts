import type { CDPSession, Page } from 'playwright-core';

/** What one focus stop looked like. */
export interface FocusStop {
  /** A short description for messages: tag, id, role and accessible name. */
  what: string;
  /** The accessible name Chromium computed (its accessibility tree, not a guess of ours). */
  name: string;
  role: string;
  /** True when focus is on <body> (lost) or nowhere. */
  body: boolean;
  /** A visible focus indicator: outline or box-shadow on it or on a close wrapper. */
  ringed: boolean;
  /** Big enough to be seen (not a visually hidden control that takes focus). */
  onScreen: boolean;
  /** Stable per element for the page's life (to see a Tab cycle come round). */
  id: number;
}

/** Runs in the page: describes document.activeElement. */
function describeFocus(): Omit<FocusStop, 'name' | 'role'> {
  const w = window as unknown as { __focusIds?: WeakMap<Element, number>; __focusNext?: number };
  w.__focusIds ??= new WeakMap();
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body || el === document.documentElement)
    return { what: '<body>', body: true, ringed: false, onScreen: false, id: 0 };
  let id = w.__focusIds.get(el);
  if (id === undefined) {
    id = w.__focusNext = (w.__focusNext ?? 0) + 1;
    w.__focusIds.set(el, id);
  }
  // The ring may sit on the element or on a close wrapper that draws it with :focus-within
  // (the search box rings the field and its icon together).
  const ringed = (node: Element) => {
    const style = getComputedStyle(node);
    return (
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
      style.boxShadow !== 'none'
    );
  };
  let visible = ringed(el);
  for (let up = el.parentElement, n = 0; !visible && up && n < 2; up = up.parentElement, n++)
    visible = ringed(up);
  const rect = el.getBoundingClientRect();
  const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
  return {
    what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} "${text}"`,
    body: false,
    ringed: visible,
    onScreen: rect.width >= 4 && rect.height >= 4,
    id,
  };
}

/**
 * Watches the keyboard focus while a test drives the app with the keyboard only: after every
 * key, focus must be on an element (never lost to <body>), show a focus indicator and have
 * an accessible name. Problems are collected with the step that caused them, so one run
 * lists all of them.
 */
export class FocusAudit {
  readonly problems: string[] = [];

  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async attach(page: Page): Promise<FocusAudit> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Accessibility.enable');
    return new FocusAudit(page, cdp);
  }

  /** The focus as it is now. */
  async current(): Promise<FocusStop> {
    const seen = await this.page.evaluate(describeFocus);
    if (seen.body) return { ...seen, name: '', role: '' };
    const { result } = await this.cdp.send('Runtime.evaluate', {
      expression: 'document.activeElement',
    });
    const { nodes } = await this.cdp.send('Accessibility.getPartialAXTree', {
      objectId: result.objectId,
      fetchRelatives: false,
    });
    const node = nodes[0];
    const name = String(node?.name?.value ?? '').trim();
    const role = String(node?.role?.value ?? '');
    return { ...seen, name, role, what: `${seen.what} [${role}: ${name}]` };
  }

  /**
   * Checks the focus after `step`. Focus that moves on its own (a screen that opens, a
   * list that loads) is given a moment; <body> after that is a lost focus.
   */
  async check(step: string, options: { allowBody?: boolean } = {}): Promise<FocusStop> {
    let stop = await this.current();
    for (let waited = 0; stop.body && !options.allowBody && waited < 3000; waited += 100) {
      await this.page.waitForTimeout(100);
      stop = await this.current();
    }
    // A box-shadow or outline may fade in, a screen may still be drawing: read once more.
    if (!stop.body && (!stop.ringed || !stop.name)) {
      await this.page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 250))),
      );
      stop = await this.current();
    }
    if (stop.body) {
      if (!options.allowBody) this.problems.push(`${step}: focus lost to <body>`);
      return stop;
    }
    if (!stop.ringed) this.problems.push(`${step}: no visible focus on ${stop.what}`);
    if (!stop.name) this.problems.push(`${step}: no accessible name for ${stop.what}`);
    if (!stop.onScreen) this.problems.push(`${step}: focus on something not visible: ${stop.what}`);
    return stop;
  }

  /** Presses a key (or types text) and checks where focus went. */
  async press(key: string, step = key): Promise<FocusStop> {
    await this.page.keyboard.press(key);
    return this.check(step);
  }

  async type(text: string, step = `typing "${text}"`): Promise<FocusStop> {
    await this.page.keyboard.type(text);
    return this.check(step);
  }

  /** Tabs until focus reaches an element whose accessible name matches; fails after `limit`. */
  async tabTo(name: string | RegExp, where: string, limit = 80): Promise<FocusStop> {
    for (let i = 0; i < limit; i += 1) {
      await this.page.keyboard.press('Tab');
      // Past the last stop focus leaves the page for one Tab (Tab never drops it mid-page).
      const stop = await this.check(`${where}: Tab ${i + 1}`, { allowBody: true });
      if (typeof name === 'string' ? stop.name === name : name.test(stop.name)) return stop;
    }
    throw new Error(`${where}: ${String(name)} not reached in ${limit} Tab presses`);
  }

  /**
   * Tabs through every stop of the page once round (past the end focus leaves the page,
   * then Tab comes back to the first stop), checking each; returns the stops' names.
   */
  async tabCycle(where: string, limit = 200): Promise<string[]> {
    const names: string[] = [];
    const seen = new Set<number>();
    let wrapped = false;
    for (let i = 0; i < limit; i += 1) {
      await this.page.keyboard.press('Tab');
      const stop = await this.check(`${where}: Tab ${i + 1}`, { allowBody: true });
      if (stop.body) {
        // Past the last stop focus leaves the page (Tab alone never drops it mid-page);
        // at the second time every stop was seen once.
        if (wrapped) return names;
        wrapped = true;
        continue;
      }
      if (seen.has(stop.id)) return names;
      seen.add(stop.id);
      names.push(stop.name);
    }
    this.problems.push(`${where}: the Tab order did not come round in ${limit} presses`);
    return names;
  }
}

/**
 * Where focus goes when the element that had it disappears (a screen changed, a button was
 * disabled while it works, a row was deleted): the current screen's list, else its visible
 * heading, else the page's first heading. Without this a keyboard user lands on <body> and
 * the next Tab starts again from the top of the window.
 */
const homes = ['main .fax-list', '#screen-title:not(.visually-hidden)', 'main h1', 'h1'];

function home(): HTMLElement | null {
  for (const selector of homes) {
    const found = document.querySelector<HTMLElement>(selector);
    const box = found?.getBoundingClientRect();
    // Not a visually hidden heading: the focus would be invisible there.
    if (found && box && box.width > 4 && box.height > 4) return found;
  }
  return null;
}

/**
 * Watches for focus lost to <body> while the person is using the keyboard, and puts it on
 * the screen's home (a heading gets tabIndex -1 so it can hold focus). A click elsewhere is
 * left alone: focus on <body> after a pointer press is what the person did. Returns a stop.
 */
export function installFocusRescue(doc: Document = document): () => void {
  let keyboard = false;
  let scheduled = 0;
  let last: Element | null = null;
  const onFocusIn = (event: FocusEvent) => {
    last = event.target as Element;
  };
  const onKey = () => {
    keyboard = true;
  };
  const onPointer = () => {
    keyboard = false;
  };
  const rescue = () => {
    scheduled = 0;
    const active = doc.activeElement;
    if (!keyboard || !doc.hasFocus() || (active && active !== doc.body)) return;
    // Focus left something still there and usable (Tab past the last control): on purpose.
    if (last?.isConnected && !last.matches(':disabled') && last.getClientRects().length > 0) return;
    const target = home();
    if (!target) return;
    if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus();
  };
  const schedule = () => {
    if (!scheduled) scheduled = requestAnimationFrame(rescue);
  };
  doc.addEventListener('keydown', onKey, true);
  doc.addEventListener('pointerdown', onPointer, true);
  doc.addEventListener('focusin', onFocusIn, true);
  doc.addEventListener('focusout', schedule, true);
  // Chromium fires no focusout when the focused element is removed or disabled.
  const observer = new MutationObserver(schedule);
  observer.observe(doc.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['disabled', 'hidden', 'inert'],
  });
  return () => {
    doc.removeEventListener('keydown', onKey, true);
    doc.removeEventListener('pointerdown', onPointer, true);
    doc.removeEventListener('focusin', onFocusIn, true);
    doc.removeEventListener('focusout', schedule, true);
    observer.disconnect();
    if (scheduled) cancelAnimationFrame(scheduled);
  };
}

// @process: test
// What a person can see and click, measured in the page: inside the viewport, and the element a
// click at its centre lands on (elementFromPoint) — not only a bounding box, which says nothing
// of what lies on top of it.
import { expect, type Locator, type Page } from '@playwright/test';

export interface Placement {
  /** The element's accessible-ish name: aria-label, else its text. */
  name: string;
  where: 'title' | 'footer' | 'body';
  inside: boolean;
  onTop: boolean;
}

/** The title, the footer buttons as they are, and each body button once scrolled to within the
 * dialog's body (as a person would scroll to it). */
export async function dialogPlacements(dialog: Locator): Promise<Placement[]> {
  return dialog.evaluate((box) => {
    const measure = (el: Element, where: 'title' | 'footer' | 'body') => {
      const r = el.getBoundingClientRect();
      const inside = r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
      return { name, where, inside, onTop: !!hit && (hit === el || el.contains(hit)) };
    };
    const out = [];
    const title = box.querySelector('.modal-title');
    if (title) out.push(measure(title, 'title'));
    for (const b of box.querySelectorAll('.modal-actions button')) out.push(measure(b, 'footer'));
    for (const b of box.querySelectorAll('.modal-body button')) {
      b.scrollIntoView({ block: 'nearest' });
      out.push(measure(b, 'body'));
    }
    // Leave the body scrolled back to the top, as it opened.
    box.querySelector('.modal-body')?.scrollTo(0, 0);
    return out;
  });
}

/** Fails, naming each one, unless the title and every button of the dialog are on screen and on top. */
export async function expectDialogUsable(name: string, dialog: Locator): Promise<Placement[]> {
  const placements = await dialogPlacements(dialog);
  const bad = placements.filter((p) => !p.inside || !p.onTop).map((p) => `${p.where} “${p.name}”${p.inside ? '' : ' is outside the window'}${p.onTop ? '' : ' is covered'}`);
  expect(bad, `${name}: ${bad.join('; ')}`).toEqual([]);
  expect(placements.some((p) => p.where === 'title'), `${name} has a title`).toBe(true);
  expect(placements.some((p) => p.where === 'footer'), `${name} has buttons`).toBe(true);
  return placements;
}

/** A real mouse click at the centre of the element (after checking that it is what lies there). */
export async function clickAtCentre(page: Page, target: Locator): Promise<void> {
  const box = await target.boundingBox();
  expect(box, 'the element has a box').not.toBeNull();
  const x = box!.x + box!.width / 2;
  const y = box!.y + box!.height / 2;
  const onTop = await target.evaluate((el, [px, py]) => {
    const hit = document.elementFromPoint(px!, py!);
    return !!hit && (hit === el || el.contains(hit));
  }, [x, y]);
  expect(onTop, 'nothing lies over the element').toBe(true);
  await page.mouse.click(x, y);
}

/** Buttons, links and fields inside the scrolling content that are within its visible part but
 * that a click would not reach (something lies over them): by their names. */
export async function coveredControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const scroller = document.querySelector('.app-scroll');
    if (!scroller) return ['(no .app-scroll)'];
    const view = scroller.getBoundingClientRect();
    const out: string[] = [];
    for (const el of scroller.querySelectorAll('button, a[href], input, select, textarea')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const cx = r.left + r.width / 2;
      const cy = r.top + r.height / 2;
      if (cy < view.top || cy > view.bottom || cx < view.left || cx > view.right) continue;
      const hit = document.elementFromPoint(cx, cy);
      // A label over its own input (a checkbox's text) is the same control.
      const label = hit?.closest('label');
      if (hit && (hit === el || el.contains(hit) || (label && label.contains(el)))) continue;
      out.push((el.getAttribute('aria-label') ?? el.textContent ?? el.getAttribute('name') ?? el.tagName).trim() || el.tagName);
    }
    return out;
  });
}

/** The element that has the focus: its role and accessible name as Playwright computes them are
 * asserted with toBeFocused(); this gives a readable description for messages. */
export async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return '<body>';
    const role = a.getAttribute('role') ?? a.tagName.toLowerCase();
    const name = a.getAttribute('aria-label') ?? (a.getAttribute('aria-labelledby') ? document.getElementById(a.getAttribute('aria-labelledby')!.split(' ')[0]!)?.textContent : null) ?? a.textContent?.slice(0, 60);
    return `${role} “${(name ?? '').trim()}”`;
  });
}

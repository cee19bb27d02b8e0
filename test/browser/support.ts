// What the browser tests share: a forum listening on a free port with Debian's chromium driving it, the
// two screens every journey is walked on, and the checks every page must pass (axe-core's WCAG 2.2 AA
// rules, no sideways scrolling and no small tap targets on a phone, no English on a Danish page).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { freePort } from '../../bench/ports.js';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { da } from '../../src/core/i18n/da.js';
import { en } from '../../src/core/i18n/en.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** .ci/run installs Debian's chromium; a machine without it skips the browser files, and says so. */
export const hasChromium = existsSync(CHROMIUM);

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The two screens of the issue: a 375 px phone and a desktop. */
export const SCREENS = {
  phone: { width: 375, height: 812 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ScreenName = keyof typeof SCREENS;

/** The smallest tap target an action may have on a phone (WCAG 2.5.5's 44 × 44 CSS pixels). */
export const MIN_TARGET = 44;

/** The axe-core tags of WCAG 2.2 level A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface Forum {
  ctx: TestContext;
  /** http://127.0.0.1:<port>, which is also the app's PUBLIC_URL. */
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * A forum of its own, listening, and one browser for the whole file. The app checks Origin against
 * PUBLIC_URL, so it must know its real address before it is built. Rate limits are off: a file signs
 * up and posts more in a minute than a person would.
 */
export async function startForum(env: Record<string, string> = {}): Promise<Forum> {
  const cleanups: Array<() => unknown> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const ctx = await createTestContext({ PUBLIC_URL: base, RATE_LIMITS: 'off', ...env });
    cleanups.push(() => ctx.close());
    await ctx.app.listen({ port, host: '127.0.0.1' });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    cleanups.push(() => browser.close());
    return { ctx, base, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A browser window of its own (its own cookies) on one of the two screens. */
export async function openWindow(forum: Forum, screen: ScreenName, locale = 'en-GB'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await forum.browser.newContext({
    viewport: SCREENS[screen],
    locale,
    hasTouch: screen === 'phone',
    isMobile: screen === 'phone',
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  // A step that cannot happen fails in seconds, naming what it waited for, well inside the test's time.
  page.setDefaultTimeout(8_000);
  return { context, page };
}

/** Signs in through the sign-in form, as a person would; lands on the home page. */
export async function signIn(page: Page, base: string, login: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('#field-login', login);
  await page.fill('#field-password', password);
  await Promise.all([page.waitForURL(`${base}/`), page.click('form[action="/login"] button[type="submit"]')]);
}

/** A window on each screen, signed in as the member: pages are checked on both as they see them. */
export async function signedInWindows(forum: Forum, member: { username: string; password: string }): Promise<Map<ScreenName, Page>> {
  const windows = new Map<ScreenName, Page>();
  for (const screen of Object.keys(SCREENS) as ScreenName[]) {
    const { page } = await openWindow(forum, screen);
    await signIn(page, forum.base, member.username, member.password);
    windows.set(screen, page);
  }
  return windows;
}

// ─── axe-core ────────────────────────────────────────────────────────────────────────────────────

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string; summary: string }>;
}

/**
 * axe-core's WCAG 2.2 A/AA rules on the page as it stands, as readable lines ([] when it passes).
 * Evaluated through the DevTools protocol, so the page's Content-Security-Policy stays as it is.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    interface AxeResult {
      violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }>;
    }
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200) })),
    }));
  }, WCAG_TAGS);
  return (violations as AxeViolation[]).flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? '?'}): ${v.help} — ${n.target} — ${n.summary}`));
}

// ─── Layout on a phone ───────────────────────────────────────────────────────────────────────────

/**
 * What is wrong with the page on a phone: it scrolls sideways, or a visible action (a link, button,
 * summary, input or select) is smaller than 44 × 44 px. Each problem names the element and its size.
 * A link inside running text (a link in a post, "read the rules" within a sentence) is not an action
 * but part of the text, as WCAG's inline exception says; a checkbox or radio button is measured
 * together with its label, which is what a thumb taps.
 */
export async function phoneLayoutProblems(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const problems: string[] = [];
    const root = document.documentElement;
    // The layout viewport's width. Not innerWidth: a phone browser zooms out to show a page wider than
    // the screen, and innerWidth then grows with the page, so it never looks wider than itself.
    const screenWidth = root.clientWidth;
    if (root.scrollWidth > screenWidth) {
      const wide = [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((el) => el.getBoundingClientRect().right > screenWidth + 0.5)
        .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= screenWidth + 0.5)
        .slice(0, 3)
        .map((el) => describe(el));
      problems.push(`scrolls sideways: ${root.scrollWidth} px wide in ${screenWidth} px (widest: ${wide.join(', ') || 'unknown'})`);
    }
    function describe(el: Element): string {
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = el.textContent.replace(/\s+/g, ' ').trim().slice(0, 40);
      const name = el.getAttribute('aria-label') ?? el.getAttribute('name') ?? '';
      return `<${el.tagName.toLowerCase()}${id}${cls}>${text ? ` "${text}"` : name ? ` [${name}]` : ''}`;
    }
    function isVisible(el: HTMLElement): boolean {
      const rect = el.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) return false; // not rendered, or visually hidden (screen readers only)
      // Moved off the page until it has focus (a skip link): nobody can see it to tap it.
      if (rect.bottom + window.scrollY <= 0 || rect.right + window.scrollX <= 0) return false;
      const style = getComputedStyle(el);
      return style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0;
    }
    /**
     * A link within running text: anywhere in what members wrote (a post, a network's description, a
     * rule's explanation, rendered from Markdown), or inline in a paragraph of the forum's own with more
     * words than the link's. A link alone in its paragraph, or in a list item, is an action.
     */
    function isInlineInText(el: HTMLElement): boolean {
      if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
      if (el.closest('.post-body, .description, .description-full, .rule-body')) return true;
      let block = el.parentElement;
      while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
      if (!block || !['P', 'BLOCKQUOTE'].includes(block.tagName)) return false;
      return block.textContent.trim().length - el.textContent.trim().length >= 10;
    }
    const actions = document.querySelectorAll<HTMLElement>('a[href], button, summary, input:not([type="hidden"]), select');
    for (const el of actions) {
      if (!isVisible(el) || isInlineInText(el)) continue;
      let rect = el.getBoundingClientRect();
      let { width, height } = rect;
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
        const label = el.closest('label') ?? (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null);
        if (label) {
          rect = label.getBoundingClientRect();
          width = Math.max(width, rect.width);
          height = Math.max(height, rect.height);
        }
      }
      // Half a pixel of rounding is not a smaller target.
      if (width + 0.5 < min || height + 0.5 < min) problems.push(`${describe(el)} is ${Math.round(width)}×${Math.round(height)} px`);
    }
    return problems;
  }, MIN_TARGET);
}

/** Opens every <details> (menus, "more", the new-thread form) that `selector` finds, as taps would. */
export async function openMenus(page: Page, selector: string): Promise<number> {
  return page.evaluate((css) => {
    const menus = [...document.querySelectorAll<HTMLDetailsElement>(css)].filter((menu) => !menu.open);
    for (const menu of menus) menu.open = true;
    return menus.length;
  }, selector);
}

/**
 * Runs `check` with each closed <details> that `selector` finds opened in turn, alone (as a thumb
 * opens one menu at a time), and collects what it finds, each problem prefixed with the menu's summary.
 */
export async function eachMenuOpen(page: Page, selector: string, check: () => Promise<string[]>): Promise<string[]> {
  const count = await page.evaluate((css) => document.querySelectorAll<HTMLDetailsElement>(css).length, selector);
  const problems: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const summary = await page.evaluate(
      ({ css, index }) => {
        const menu = document.querySelectorAll<HTMLDetailsElement>(css)[index];
        if (!menu || menu.open || menu.getBoundingClientRect().height === 0) return null;
        menu.open = true;
        return (menu.querySelector('summary')?.textContent ?? '').replace(/\s+/g, ' ').trim() || `menu ${index + 1}`;
      },
      { css: selector, index: i },
    );
    if (summary === null) continue;
    for (const problem of await check()) problems.push(`with "${summary}" open: ${problem}`);
    await page.evaluate(({ css, index }) => (document.querySelectorAll<HTMLDetailsElement>(css)[index]!.open = false), { css: selector, index: i });
  }
  return problems;
}

// ─── No English on a Danish page ─────────────────────────────────────────────────────────────────

/**
 * The English catalog's words that a Danish page must not show: each English entry whose Danish one
 * differs, cut at its placeholders ({name}, {count}: names and numbers), keeping the pieces that
 * hold a word of four letters or more and appear in no Danish entry (a forum's name, "RSS/Atom").
 */
export const englishOnly: string[] = (() => {
  const danishText = Object.values(da).join('\n');
  const pieces = new Set<string>();
  for (const [key, english] of Object.entries(en)) {
    if (da[key] === english) continue;
    for (const piece of english.split(/\{[^}]*\}/)) {
      const text = piece.replace(/\s+/g, ' ').trim();
      if (!/\p{L}{4,}/u.test(text) || danishText.includes(text)) continue;
      pieces.add(text);
    }
  }
  return [...pieces];
})();

/** The English-only catalog text the page shows (its visible text, button values and labels), [] when none. */
export async function englishOnPage(page: Page): Promise<string[]> {
  const shown = await page.evaluate(() => {
    const labels = [...document.querySelectorAll('[aria-label], [title], [placeholder], input[type="submit"][value]')].map((el) =>
      ['aria-label', 'title', 'placeholder', 'value'].map((name) => el.getAttribute(name) ?? '').join('\n'),
    );
    return [document.title, document.body.innerText, ...labels].join('\n');
  });
  const text = shown.replace(/[ \t]+/g, ' ');
  return englishOnly.filter((piece) => {
    const escaped = piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Whole words only: "Hide" is English, "Hidemark" is not.
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
  });
}

/** Every check a page must pass on a phone, by name; an empty object when it passes them all. */
export async function phoneChecks(page: Page): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  const axe = await axeViolations(page);
  if (axe.length) found.axe = axe;
  const layout = await phoneLayoutProblems(page);
  if (layout.length) found.layout = layout;
  return found;
}

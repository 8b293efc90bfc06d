// Headless Chromium (Debian's package) driven by playwright-core. No browser
// is downloaded: CHROMIUM (default /usr/bin/chromium) is launched as is.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const OUTPUT_DIR = process.env.JLG_BROWSER_OUTPUT || path.join(HERE, '..', 'output');

// Playwright adds --headless and a fresh --user-data-dir of its own (a new
// temporary profile for every launch, removed on close).
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let browserPromise = null;

export function browser() {
  if (!browserPromise) {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: apt-get install chromium (or set CHROMIUM)`);
    }
    browserPromise = chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  }
  return browserPromise;
}

export async function closeBrowser() {
  if (browserPromise) {
    const b = await browserPromise;
    browserPromise = null;
    await b.close();
  }
}

/**
 * A fresh browser context (own cookies) on one of the site's servers, with a
 * record of the page errors and console errors of every page it opens.
 */
export async function session(baseURL, options = {}) {
  const context = await (await browser()).newContext({
    baseURL,
    viewport: { width: 1280, height: 900 },
    locale: options.locale || 'en-US',
    timezoneId: options.timezoneId || 'UTC',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(10_000);
  const problems = [];
  context.on('page', (page) => watch(page, problems));
  const page = await context.newPage();
  watch(page, problems);
  return { context, page, problems };
}

const watched = new WeakSet();
function watch(page, problems) {
  if (watched.has(page)) return;
  watched.add(page);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Failed loads are judged below, by URL: the site is offline by design, so
    // off-site resources (avatars from Gravatar) cannot load.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  const local = (url) => url.startsWith(new URL(page.url() || 'http://x/').origin) || /^http:\/\/127\.0\.0\.1:/.test(url);
  page.on('response', (response) => {
    const url = response.url();
    if (response.status() >= 400 && local(url) && !url.includes('/wp-json/') && !url.endsWith('/favicon.ico')) {
      problems.push(`HTTP ${response.status()} for ${url}`);
    }
  });
  page.on('requestfailed', (request) => {
    if (local(request.url()) && !/abort/i.test(request.failure()?.errorText || '')) {
      problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
    }
  });
}

/**
 * Logs in through wp-login.php, as a person would. Done as soon as WordPress
 * sends the browser on to wp-admin: the auth cookies come with that redirect,
 * so the dashboard need not finish loading (on a busy machine it can take a
 * while, and the next navigation replaces it anyway). A refused login fails at
 * once with WordPress's message instead of waiting for a URL that never comes.
 */
export async function login(page, user, password) {
  await page.goto('/wp-login.php', { waitUntil: 'domcontentloaded' });
  // wp-login.php moves the focus to the user name (and selects it) 200 ms after
  // it loads. Should that land between fill() focusing the password field and
  // typing into it, the password goes into the user name and WordPress answers
  // "The password field is empty". So the fields are checked, and filled again.
  for (let attempt = 1; ; attempt++) {
    await page.fill('#user_login', user);
    await page.fill('#user_pass', password);
    if ((await page.inputValue('#user_login')) === user && (await page.inputValue('#user_pass')) === password) break;
    if (attempt === 3) throw new Error('the login form did not keep the credentials typed into it');
  }
  const admin = page.waitForURL(/\/wp-admin\//, { waitUntil: 'commit' }).then(() => null);
  const refused = page
    .locator('#login_error')
    .waitFor({ state: 'attached' })
    .then(async () => (await page.locator('#login_error').textContent()).trim(), () => null);
  await page.click('#wp-submit', { noWaitAfter: true });
  const error = await Promise.race([admin, refused.then((text) => text ?? admin)]);
  if (error) throw new Error(`login as ${user} refused: ${error}`);
}

/** Full-page screenshot into the output folder; returns its path. */
export async function screenshot(page, name) {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = path.join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

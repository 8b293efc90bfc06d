// Driving the cron playground.
import { sel } from './admin-page.mjs';

/** Waits until the output is about EXPRESSION and no longer pending; returns its state. */
export async function settled(page, expression, timeout = 10_000) {
  const handle = await page.waitForFunction(
    (expr) => {
      const out = document.querySelector('.jlg-native-cron-output');
      const state = out && out.getAttribute('data-state');
      return out && state !== 'pending' && out.getAttribute('data-expression') === expr ? state : false;
    },
    expression,
    { timeout },
  );
  return handle.jsonValue();
}

/** The runs shown: [{ iso, text, relative, timestamp }]. */
export async function runs(page) {
  return page.locator(sel.runs).evaluateAll((items) =>
    items.map((li) => ({
      iso: li.querySelector('time').getAttribute('datetime'),
      text: li.querySelector('time').textContent,
      relative: li.querySelector('.jlg-native-cron-relative').textContent,
      timestamp: Number(li.getAttribute('data-timestamp')),
    })));
}

/** Wall clock parts of an ISO 8601 string with offset, as written (not converted). */
export function wallClock(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO 8601 date-time with offset: ${iso}`);
  const [, y, mo, d, h, mi, , offset] = m;
  return {
    hour: Number(h),
    minute: Number(mi),
    weekday: new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDay(),
    offset: offset === 'Z' ? '+00:00' : offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2'),
  };
}

/** Counts the preview requests the page sends from now on. */
export function countPreviews(page) {
  const counter = { count: 0 };
  page.on('request', (request) => {
    if (request.method() === 'POST' && decodeURIComponent(request.url()).includes('jlg-native/v1/cron/preview')) counter.count++;
  });
  return counter;
}

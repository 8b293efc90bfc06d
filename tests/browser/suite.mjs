// Entry point of the browser suite: one Chromium for every spec, in order.
// Run through run.sh, which brings the site up and tears it down.
import { after } from 'node:test';
import { closeBrowser } from './lib/browser.mjs';

after(closeBrowser);

await import('./specs/status.test.mjs');
await import('./specs/absent.test.mjs');
await import('./specs/cron-playground.test.mjs');

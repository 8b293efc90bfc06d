// Entry point of the browser suite: one Chromium for every spec, in order.
// Run through run.sh, which brings the site up and tears it down.
// JLG_BROWSER_SPECS=status,absent runs only those files of specs/ (default: all).
import { after } from 'node:test';
import { closeBrowser } from './lib/browser.mjs';

const ALL = ['status', 'absent', 'impact-sla', 'storage', 'vault', 'cron-playground'];
const chosen = (process.env.JLG_BROWSER_SPECS || '').split(',').map((s) => s.trim()).filter(Boolean);
const unknown = chosen.filter((name) => !ALL.includes(name));
if (unknown.length) {
  throw new Error(`unknown spec(s) in JLG_BROWSER_SPECS: ${unknown.join(', ')} (known: ${ALL.join(', ')})`);
}

after(closeBrowser);

for (const name of chosen.length ? chosen : ALL) {
  await import(`./specs/${name}.test.mjs`);
}

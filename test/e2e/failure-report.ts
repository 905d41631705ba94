import { afterEach } from 'vitest';
import { openBrowsers } from './harness.ts';

/**
 * When a browser test fails, say what the browser showed: each open page's address and the start of
 * its visible text. A time-out alone ("waiting for the heading …") does not tell a failure in CI that
 * nobody can watch — an error page, a log-in form, a page not yet left — from a slow machine.
 */
const SHOWN_CHARS = 1_200;

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  for (const browser of openBrowsers)
    for (const browserContext of browser.contexts())
      for (const page of browserContext.pages()) {
        const text = await page
          .locator('body')
          // biome-ignore lint/performance/useDomNodeTextContent: the text as shown (hidden parts left out) is the point
          .innerText({ timeout: 2_000 })
          .catch((error: unknown) => `(unreadable: ${String(error).split('\n')[0]})`);
        const shown = text.replace(/\n{2,}/g, '\n').slice(0, SHOWN_CHARS);
        console.error(`[failed test's page] ${page.url()}\n${shown}\n[end of page]`);
      }
});

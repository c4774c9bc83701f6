import { afterEach } from 'vitest';
import { pageErrors } from './page-errors';

// Every e2e test fails on a page error or a console error in any page it drove, unless the
// test allowed that message with `allowPageErrors` (test/helpers/browser.ts).
afterEach(() => {
  const problems = pageErrors.take();
  if (problems.length > 0)
    throw new Error(`The page reported ${problems.length} error(s):\n${problems.join('\n')}`);
});

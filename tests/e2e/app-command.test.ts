// The README's first command, `npm run app`, where the Electron runtime is not available: it must
// still start ForkLab on its bundled default session, as the web edition.
import { afterAll, describe, expect, test } from 'vitest';
import { openPage, startWebEdition, type WebEdition } from './harness';

let web: WebEdition | undefined;
afterAll(async () => {
  await web?.stop();
});

describe('npm run app without Electron', () => {
  test('serves the web edition with the bundled examples in the gallery', async () => {
    web = await startWebEdition('scripts/app.mjs', { FORKLAB_WEB: '1' });
    const { page, errors } = await openPage(web, 'en-US');
    for (const name of ['cow', 'fib', 'mfork', 'print']) await page.getByTestId(`example-${name}`).waitFor();
    await page.getByTestId('example-cow').click();
    await page.getByTestId('tab-cow.c').waitFor();
    expect(errors).toEqual([]);
  }, 240_000);

  test('takes its web server down with it when stopped, leaving nothing serving', async () => {
    const { url } = web!;
    expect((await fetch(url)).ok).toBe(true);
    await web!.stop();
    web = undefined;
    await expect(fetch(url)).rejects.toThrow();
  }, 60_000);
});

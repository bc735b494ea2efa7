// Focus goes back to the control that opened a drawer when the drawer closes, never to <body>: the
// keyboard user carries on where they were.
import { expect, signInThroughDemoPage, test } from './fixtures';

test('closing the demo outbox returns focus to its button', async ({ demo }) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  const opener = page.getByRole('button', { name: 'Demo outbox' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: 'Demo outbox' });
  await expect(drawer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(opener).toBeFocused();
});

// The action counter the workspace tests rely on, checked on a page of its own: each kind of real
// input counts as the issue defines it, and a script's own events count for nothing.
import { agentActions, countAgentActions } from './agentActions';
import { expect, test } from './fixtures';

test('counts clicks, chords, one per typed field (with its Enter), scroll bursts; ignores synthetic events', async ({
  page,
}) => {
  await page.setContent(
    `<label>Name <input id="name"></label><label>Code <input id="code"></label><button id="go">Go</button>
     <div id="list" style="height:100px;overflow:auto"><div style="height:3000px"></div></div>`,
  );
  await countAgentActions(page);
  await page.locator('#name').click();
  await page.keyboard.type('Alex Cloud');
  await page.keyboard.press('Enter');
  await page.locator('#code').focus();
  await page.keyboard.type('123456');
  await page.keyboard.press('Control+Enter');
  await page.keyboard.press('Tab');
  await page.locator('#list').hover();
  await page.mouse.wheel(0, 400);
  await expect.poll(async () => (await agentActions(page)).filter((a) => a === 'scroll').length).toBe(1);
  // What a script does is not the agent's doing.
  await page.evaluate(() => {
    document.querySelector('#go')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    document.querySelector('#name')!.dispatchEvent(new Event('input', { bubbles: true }));
  });
  expect(await agentActions(page)).toEqual([
    'click input "Name"',
    'type input "Name"',
    'type input "Code"',
    'key Ctrl+Enter',
    'key Tab',
    'scroll',
  ]);
});

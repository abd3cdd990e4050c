// The playground's `/as <name>`: one person at a terminal acts as several members of its chat.
import { afterEach, expect, test } from 'vitest';
import { consoleDriver } from './console-driver.ts';
import type { ScenarioDriver } from './driver.ts';

let d: ScenarioDriver | undefined;
afterEach(async () => {
  await d?.close();
  d = undefined;
});

test('/as alone says who is acting, whether admin or member, and how to switch', async () => {
  d = await consoleDriver.start();
  const admin = d.nameOf('alice');
  await d.say('alice', 'dm', '/as');
  const first = await d.see('alice', 'dm', `You are acting as ${admin}`);
  expect(first.text).toBe(
    `» You are acting as ${admin}, the playground chat's admin. Type /as <name> to act as someone else in this chat, e.g. /as bob; /as ${admin} switches back.`,
  );
  await d.say('bob', 'dm', '/as');
  const member = await d.see('bob', 'dm', 'You are acting as Bob');
  expect(member.text).toContain('You are acting as Bob, a member of the playground chat. Type /as <name>');
});

test('a name /as cannot take gets a line saying what it needs, with an example', async () => {
  d = await consoleDriver.start();
  await d.say('alice', 'dm', '/as <b>Mallory</b>');
  const refused = await d.see('alice', 'dm', '/as needs a name');
  expect(refused.text).toMatch(/^! \/as needs a name of 1 to 32 .*, e\.g\. \/as bob$/);
  await d.say('alice', 'dm', '/as');
  await d.see('alice', 'dm', /You are acting as .+, the playground chat's admin/);
});

test('a member is the same person whatever the letter case of the name', async () => {
  d = await consoleDriver.start();
  await d.say('alice', 'group', '/quiz deepseek-v4-delay group 60');
  const question = await d.see('bob', 'group', /Question 1 of \d+/);
  const choice = question.buttons[0] ?? '';
  expect(await d.press('bob', 'group', /Question 1 of \d+/, choice)).toMatch(/^[✅❌]/);
  await d.say('bob', 'group', '/as BOB');
  expect(await d.press('bob', 'group', /Question 1 of \d+/, choice)).toContain('You already answered');
});

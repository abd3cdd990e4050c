import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commands } from '../../commands/index.ts';
import type { AnyCommand } from '../../src/command-kit/define-command.ts';
import type { OptionSpec } from '../../src/command-kit/option-spec.ts';
import type { Response } from '../../src/core/output.ts';
import { actor, makeCore, type TestCore } from '../support/test-core.ts';

/** The validator's own wording, which must never reach a user. */
const VALIDATOR_WORDS = /Invalid input|expected (string|number)|received|Too (big|small)|NaN|Invalid option/;
const admin = async () => true;

/** Everything a user sees of a response. */
const seen = (response: Response) =>
  [response.notice?.text ?? '', ...response.messages.map((out) => JSON.stringify(out.message))].join('\n');

/** Good values for the command's required options, from their own examples. */
const base = (command: AnyCommand, except: OptionSpec): Record<string, unknown> =>
  Object.fromEntries(
    command.specs.filter((spec) => spec.required && spec !== except).map((spec) => [spec.name, spec.example]),
  );

interface Case {
  label: string;
  command: AnyCommand;
  spec: OptionSpec;
  kind: 'missing' | 'wrong type' | 'too long';
  value: unknown;
}
const cases: Case[] = commands.flatMap((command) =>
  command.specs.flatMap((spec): Case[] => {
    const label = `/${command.name} ${spec.name}`;
    return [
      ...(spec.required ? [{ label, command, spec, kind: 'missing' as const, value: undefined }] : []),
      { label, command, spec, kind: 'wrong type', value: spec.kind === 'integer' ? 'abc' : 42 },
      { label, command, spec, kind: 'too long', value: 'x'.repeat(1_000) },
    ];
  }),
);

describe('replies to bad options say what is expected, with an example, in our words', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await makeCore();
  });
  afterAll(() => t.close());

  test('every command has options to check', () => {
    expect(cases.length).toBeGreaterThan(30);
  });

  test.each(cases)(
    '$label: $kind (structured, as Discord sends it)',
    async ({ command, spec, kind, value }) => {
      const values: Record<string, unknown> = base(command, spec);
      if (kind !== 'missing') values[spec.name] = value;
      const response = await t.router.runOptions(actor('a'), command.name, values, admin);
      expect(seen(response)).not.toMatch(VALIDATOR_WORDS);
      expect(response.notice?.tone).toBe('error');
      expect(response.notice?.text).toMatch(
        new RegExp(`^/${command.name}\\b.*${spec.name === 'zone' ? '' : ''}`),
      );
      expect(response.notice?.text).toContain(`e.g. /${command.name}`);
    },
  );

  test.each(cases.filter((entry) => entry.kind !== 'wrong type'))(
    '$label: $kind (typed)',
    async ({ command, spec, kind, value }) => {
      const given = Object.entries(base(command, spec)).map(([name, example]) => `${name}:"${example}"`);
      if (kind !== 'missing') given.push(`${spec.name}:"${String(value)}"`);
      const response = await t.router.runLine(
        actor('a'),
        { name: command.name, args: given.join(' ') },
        admin,
      );
      expect(seen(response)).not.toMatch(VALIDATOR_WORDS);
      expect(response.notice?.tone).toBe('error');
      expect(response.notice?.text).toContain(`e.g. /${command.name}`);
    },
  );

  test('the replies people met before now read as sentences with an example', async () => {
    const line = (name: string, args = '') => t.router.runLine(actor('a'), { name, args }, admin);
    expect((await line('timezone', 'Mars/Base')).notice?.text).toBe(
      '/timezone: zone should be a time zone: a city such as Berlin, or an IANA name such as America/New_York or UTC, not "Mars/Base", e.g. /timezone Europe/Berlin',
    );
    expect((await line('timezone', 'Europe/Berlim')).notice?.text).toBe(
      '/timezone: zone should be a time zone: a city such as Berlin, or an IANA name such as America/New_York or UTC, not "Europe/Berlim" (did you mean Europe/Berlin?), e.g. /timezone Europe/Berlin',
    );
    expect((await line('subscribe', 'daily-brief')).notice?.text).toBe(
      '/subscribe needs a time of day such as 08:30, 8am or 8:30pm, e.g. /subscribe daily-brief 08:30',
    );
    expect((await line('brief', 'deepseek '.repeat(15))).notice?.text).toMatch(
      /^\/brief: article can be at most 100 characters \(that one has 134\), e\.g\. \/brief "deepseek delay"$/,
    );
    expect((await line('quiz', 'group 5')).notice?.text).toBe(
      '/quiz: seconds should be a whole number from 10 to 300, not "5", e.g. /quiz group 30',
    );
    expect((await line('unsubscribe', 'dayly-brief')).notice?.text).toBe(
      '/unsubscribe: kind is daily-brief, weekly-recap or quiz-of-the-day, not "dayly-brief", e.g. /unsubscribe daily-brief',
    );
    expect((await line('progress', 'now please')).notice?.text).toBe(
      '/progress does not take "now please". Usage: /progress',
    );
  });
});

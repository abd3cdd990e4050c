import type {
  CommandOptionValue,
  EmulatedMessage,
  EmulatedUserInput,
  InteractionCallback,
  InteractionRecord,
} from '@newsquiz/emulators/discord';
import { Permission, REGULAR_MEMBER_PERMISSIONS } from '@newsquiz/emulators/discord';
import { type APIEmbed, PermissionFlagsBits, Routes } from 'discord.js';
import { afterEach, describe, expect, test } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { embedSize } from '../../../src/adapters/discord/render-embeds.ts';
import { syncCommands } from '../../../src/adapters/discord/sync-commands.ts';
import { CommandRouter } from '../../../src/command-kit/command-router.ts';
import { testSeal } from '../../support/test-core.ts';
import {
  alice,
  asShown,
  bob,
  button,
  buttonsOf,
  cyd,
  type DiscordHarness,
  eventually,
  type HarnessOptions,
  isEphemeral,
  startHarness,
  textOf,
} from './discord-harness.ts';

describe('Discord adapter over the emulated Discord', () => {
  let h: DiscordHarness;
  afterEach(async () => {
    await h?.close();
  });

  const start = async (options: HarnessOptions = {}) => {
    h = await startHarness(options);
    return h;
  };

  interface Answered {
    id: string;
    callback: InteractionCallback;
    record: InteractionRecord;
  }

  /** Runs a slash command (in the guild's first channel unless `dm`) and waits until the bot is done. */
  const run = async (
    name: string,
    options: Record<string, CommandOptionValue> = {},
    extra: { user?: EmulatedUserInput; dm?: boolean; permissions?: bigint; channelId?: string } = {},
  ): Promise<Answered> => {
    const handle = h.emulator.runCommand({
      name,
      options,
      ...(extra.dm ? {} : { channelId: extra.channelId ?? h.emulator.channelId }),
      ...(extra.user ? { user: extra.user } : {}),
      ...(extra.permissions === undefined ? {} : { permissions: extra.permissions }),
    });
    const callback = await handle.callback();
    await h.settled(handle.id);
    return { id: handle.id, callback, record: handle.record() };
  };

  const press = async (
    message: EmulatedMessage | null | undefined,
    customId: string,
    user?: EmulatedUserInput,
  ): Promise<Answered> => {
    if (!message) throw new Error('no message to press');
    const handle = h.emulator.pressButton({
      messageId: message.id,
      customId,
      ...(user ? { user } : {}),
    });
    const callback = await handle.callback();
    await h.settled(handle.id);
    return { id: handle.id, callback, record: handle.record() };
  };

  const current = (message: EmulatedMessage | null | undefined) => {
    const found = message ? h.emulator.message(message.id) : undefined;
    if (!found) throw new Error('message not found');
    return found;
  };

  /** Bot messages in the channel that are plain channel posts (not interaction responses). */
  const channelPosts = () => h.emulator.channelMessages(h.emulator.channelId).filter((m) => !m.webhook_id);

  test('registers every command with typed options, autocomplete, choices and Manage Channels where needed', async () => {
    await start();
    const registered = h.emulator.registeredCommands(h.emulator.guildId);
    const byName = new Map(registered.map((command) => [command.name, command]));
    expect([...byName.keys()].sort()).toEqual(
      [
        'brief',
        'help',
        'language',
        'leaderboard',
        'link',
        'news',
        'progress',
        'quiz',
        'read',
        'recap',
        'remind',
        'review',
        'stop',
        'streak',
        'subscribe',
        'subscriptions',
        'timezone',
        'topics',
        'unlink',
        'unsubscribe',
      ].sort(),
    );
    expect(byName.get('subscribe')?.default_member_permissions).toBe(
      String(PermissionFlagsBits.ManageChannels),
    );
    expect(byName.get('unsubscribe')?.default_member_permissions).toBe(
      String(PermissionFlagsBits.ManageChannels),
    );
    expect(byName.get('quiz')?.default_member_permissions).toBeNull();
    expect(byName.get('quiz')?.options).toEqual([
      expect.objectContaining({ type: 3, name: 'article', autocomplete: true, required: false }),
      expect.objectContaining({
        type: 3,
        name: 'mode',
        choices: [
          expect.objectContaining({ name: 'solo', value: 'solo' }),
          expect.objectContaining({ name: 'group', value: 'group' }),
        ],
      }),
      expect.objectContaining({ type: 4, name: 'seconds', min_value: 10, max_value: 300 }),
    ]);
    expect(byName.get('subscribe')?.options?.map((option) => [option.name, option.required])).toEqual([
      ['kind', true],
      ['time', true],
      ['weekday', false],
      ['timezone', false],
      ['topics', false],
    ]);
    expect(byName.get('news')?.options).toEqual([
      expect.objectContaining({ name: 'topic', autocomplete: true }),
    ]);
    // /link CODE: one optional string option named code.
    expect(byName.get('link')?.options).toEqual([
      expect.objectContaining({ type: 3, name: 'code', required: false }),
    ]);
    // Only the Guilds intent: no privileged intents, no message content.
    expect(h.adapter.client.options.intents.bitfield).toBe(1);
  });

  test('/brief shows an embed card with section buttons and a source link; a section opens privately', async () => {
    await start();
    const brief = await run('brief', { article: 'deepseek' });
    expect(brief.callback.type).toBe(4);
    expect(isEphemeral(brief.callback)).toBe(false);
    const card = brief.record.original;
    const embed = card?.embeds[0];
    const article = h.catalog.byId('deepseek-v4-delay');
    expect(embed?.title).toContain('DeepSeek pushes V4 into 2026');
    expect(embed?.url).toBe(article?.source.url);
    expect(embed?.fields?.map((field) => field.name)).toEqual([
      'What changed',
      'Why it matters',
      'What to do next',
      'Who should care',
    ]);
    expect(embed?.footer?.text).toContain('#ai');
    expect(card?.allowed_mentions).toEqual({ parse: [] });
    expect(buttonsOf(card).map((entry) => entry.label)).toEqual([
      'Key takeaways',
      'Comparison',
      'Deep dive',
      'Implications',
      'Timeline',
      'Related',
      'Read',
      'Quiz',
      'Source',
    ]);
    const source = buttonsOf(card).find((entry) => entry.label === 'Source');
    expect(source).toMatchObject({ style: 5, url: article?.source.url });
    expect(source?.custom_id).toBeUndefined();

    const section = await press(card, button(card, 'Comparison'));
    expect(section.callback.type).toBe(4);
    expect(isEphemeral(section.callback)).toBe(true);
    const description = section.record.original?.embeds[0]?.description ?? '';
    expect(description).toMatch(/^```\n/);
    expect(description).toContain('│');
    expect(section.record.original?.ephemeral).toBe(true);
  });

  test('a section longer than one message is split into messages within the embed limits', async () => {
    await start();
    const brief = await run('brief', { article: 'long-read' });
    const deep = await press(brief.record.original, button(brief.record.original, 'Deep dive'));
    const parts = [deep.record.original, ...deep.record.followUps];
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const part of parts) {
      expect(part?.ephemeral).toBe(true);
      expect(part?.embeds.length).toBeLessThanOrEqual(10);
      expect(
        (part?.embeds ?? []).reduce((sum: number, embed: APIEmbed) => sum + embedSize(embed), 0),
      ).toBeLessThanOrEqual(6000);
    }
    const all = parts.map(textOf).join('\n');
    expect(all).toContain('Part 1:');
    expect(all).toContain('Part 9:');
  });

  test('/read pages through focus sentences by updating one message only the reader sees', async () => {
    await start();
    const article = h.catalog.byId('deepseek-v4-delay');
    const total = article?.reading.length ?? 0;
    const read = await run('read', { article: 'deepseek-v4-delay' });
    expect(isEphemeral(read.callback)).toBe(true);
    let view = read.record.original;
    expect(textOf(view)).toContain(`Focus sentence 1 of ${total}`);
    for (let step = 1; step <= total; step++) {
      const next = await press(view, button(view, /Next|Finish/));
      expect(next.callback.type).toBe(7);
      view = current(view);
      expect(view.edits).toBe(step);
    }
    expect(textOf(view)).toContain(`You read ${total} focus sentences.`);
    expect(buttonsOf(view).map((entry) => entry.label)).toContain('Take the challenge');
    // Nothing of anyone's reading shows in the channel.
    expect(h.emulator.channelMessages(h.emulator.channelId)).toHaveLength(0);

    // From the end card, the whole channel is challenged: the press is acknowledged quietly and the
    // group question arrives as a channel message.
    const challenge = await press(view, button(view, 'Challenge the chat'));
    expect(challenge.callback.type).toBe(6);
    expect(current(view).edits).toBe(total);
    const question = await eventually(() => channelPosts()[0]);
    expect(textOf(question)).toContain('Question 1 of');
  });

  test('a full solo quiz: private question, feedback with explanation in place, next question, summary', async () => {
    await start();
    const article = h.catalog.byId('deepseek-v4-delay');
    if (!article) throw new Error('missing article');
    const started = await run('quiz', { article: 'deepseek-v4-delay' });
    expect(isEphemeral(started.callback)).toBe(true);
    let view = started.record.original;
    const total = article.questions.length;
    for (let position = 0; position < total; position++) {
      expect(textOf(view)).toContain(`Question ${position + 1} of ${total}`);
      const question = article.questions.find((entry) => textOf(view).includes(entry.prompt));
      const right = question?.choices.find((choice) => choice.correct)?.text ?? '';
      const answered = await press(view, button(view, right));
      expect(answered.callback.type).toBe(7);
      view = current(view);
      expect(view.ephemeral).toBe(true);
      expect(view.content).toMatch(/^✅ Correct/);
      expect(textOf(view)).toContain(question?.explanation.slice(0, 40) ?? '?');
      if (position < total - 1) {
        const next = await press(view, button(view, 'Next question ▶'));
        expect(next.callback.type).toBe(7);
        view = current(view);
        expect(view.content).toBe('');
      } else {
        const summary = answered.record.followUps.at(-1);
        expect(summary?.ephemeral).toBe(true);
        expect(textOf(summary)).toContain('Quiz complete');
        expect(textOf(summary)).toContain(`${total} of ${total}`);
        expect(textOf(summary)).toContain('100%');
      }
    }
    // Nothing of a solo quiz is visible to the channel.
    expect(h.emulator.channelMessages(h.emulator.channelId)).toHaveLength(0);
  });

  test('a solo quiz in a DM works the same, and a wrong answer says so', async () => {
    await start();
    // Guild commands are not offered in DMs: these come from the global registration.
    await syncCommands({ rest: h.adapter.client.rest, applicationId: h.emulator.applicationId, commands });
    const started = await run('quiz', { article: 'deepseek-v4-delay' }, { dm: true });
    const view = started.record.original;
    const article = h.catalog.byId('deepseek-v4-delay');
    const question = article?.questions.find((entry) => textOf(view).includes(entry.prompt));
    const wrong = question?.choices.find((choice) => !choice.correct)?.text ?? '';
    await press(view, button(view, wrong));
    expect(current(view).content).toMatch(/^❌ Not quite/);
  });

  test('a group round with three members: live count, close with answer, who got it and standings', async () => {
    await start();
    const article = h.catalog.byId('deepseek-v4-delay');
    const started = await run(
      'quiz',
      { article: 'deepseek-v4-delay', mode: 'group', seconds: 20 },
      { user: alice },
    );
    // Answered privately once the question is out; the question itself is a channel message the bot can edit later.
    expect(started.callback.type).toBe(4);
    expect(isEphemeral(started.callback)).toBe(true);
    expect(started.callback.data?.content).toBe('Posted to this channel.');
    const [question] = channelPosts();
    expect(textOf(question)).toContain('Question 1 of');
    expect(question?.ephemeral).toBe(false);
    const asked = article?.questions.find((entry) => textOf(question).includes(entry.prompt));
    const right = asked?.choices.find((choice) => choice.correct)?.text ?? '';
    const wrong = asked?.choices.find((choice) => !choice.correct)?.text ?? '';

    const answers = [
      await press(question, button(question, right), alice),
      await press(question, button(question, wrong), bob),
      await press(question, button(question, right), cyd),
    ];
    for (const answer of answers) {
      expect(answer.callback.type).toBe(4);
      expect(isEphemeral(answer.callback)).toBe(true);
    }
    expect(answers.map((answer) => answer.callback.data?.content?.slice(0, 1))).toEqual(['✅', '❌', '✅']);
    const counted = await eventually(() => {
      const view = current(question);
      // Live counts are throttled by the injected clock: let it run while we wait.
      h.clock.advance(50);
      return view.embeds[0]?.footer?.text.includes('3 answered') ? view : undefined;
    });
    expect(counted.edits).toBeLessThanOrEqual(3);

    h.clock.advance(21_000);
    await h.timers.sweep();
    const closed = await eventually(() => {
      const view = current(question);
      return textOf(view).includes('Got it (2 of 3)') ? view : undefined;
    });
    const fields = closed.embeds.flatMap((embed) => embed.fields ?? []);
    expect(asShown(fields.find((field) => field.name === 'Answer')?.value ?? '')).toBe(right);
    expect(fields.find((field) => field.name.startsWith('Got it \\(2'))?.value).toBe(
      'Alice, \\*\\*Cyd\\*\\* @\u200beveryone \\<@1>',
    );
    // Answers are closed: only the Report button is left.
    expect(buttonsOf(closed).map((button) => button.label)).toEqual(['Report']);
    const standings = closed.embeds.map((embed) => embed.description ?? '').join('\n');
    expect(standings).toMatch(/```\n#/);
    expect(standings).toContain('Alice');
    expect(standings).not.toMatch(/@everyone/);
    const next = await eventually(() =>
      channelPosts().find((post) => textOf(post).includes('Question 2 of')),
    );
    expect(next.allowed_mentions).toEqual({ parse: [] });

    const board = await run('leaderboard', {}, { user: bob });
    // Inside a code block markdown is inert, so names are shown as typed; mass mentions still cannot ping.
    const table = board.record.original?.embeds[0]?.description ?? '';
    expect(table).toContain('1 │ **Cyd** @\u200beveryone <@1> │ 1');
    expect(table).toMatch(/\n2 │ Alice +│ 1/);
    const progress = await run('progress', {}, { user: bob });
    const progressFields = progress.record.original?.embeds[0]?.fields ?? [];
    expect(progressFields.find((field) => field.name === 'Questions answered')?.value).toBe('1');
    expect(progressFields.find((field) => field.name === 'Accuracy')?.value).toBe('0%');
  });

  test('repeated, late and stale presses get a private note and change nothing', async () => {
    await start();
    await run('quiz', { article: 'deepseek-v4-delay', mode: 'group', seconds: 20 }, { user: alice });
    const [question] = channelPosts();
    const first = buttonsOf(question)[0]?.custom_id ?? '';
    const roundId = first.split(':')[2] ?? '';
    await press(question, first, alice);
    await eventually(() => current(question).embeds[0]?.footer?.text.includes('1 answered') || undefined);

    const repeat = await press(question, buttonsOf(question)[1]?.custom_id ?? '', alice);
    expect(isEphemeral(repeat.callback)).toBe(true);
    expect(repeat.callback.data?.content).toContain('already answered');

    // The question closes in the core, but its edit has not reached Discord yet: a late press.
    // (The harness's timers would deliver the close at once; this test closes by hand instead.)
    await h.timers.stop();
    h.clock.advance(21_000);
    await h.core.quiz.closeDue(roundId);
    const edits = current(question).edits;
    const late = await press(question, first, bob);
    expect(late.callback.data?.content).toContain('Time is up');
    // Every question closes and the round ends: a press on the first question is now stale.
    for (let step = 0; step < 10; step++) {
      h.clock.advance(21_000);
      await h.core.quiz.closeDue(roundId);
    }
    const stale = await press(question, first, cyd);
    expect(isEphemeral(stale.callback)).toBe(true);
    expect(stale.callback.data?.content).toContain('This quiz has ended');
    expect(current(question).edits).toBe(edits);
    const answers = await h.core.quiz.openRounds();
    expect(answers.find((round) => round.id === roundId)).toBeUndefined();
  });

  test('a forged, unsealed, or outdated custom_id gets a private note', async () => {
    await start();
    const channel = { platform: 'discord' as const, chatId: h.emulator.channelId };
    // A payload sealed for this channel, for a round that no longer exists (an old message).
    const outdated = testSeal().seal('1:a:zzzzzzzzzz:0:0', channel);
    // The same payload sealed for another channel, carried here; and one with no seal at all.
    const carried = testSeal().seal('1:a:zzzzzzzzzz:0:0', { ...channel, chatId: '1' });
    const posted = (await h.adapter.client.rest.post(Routes.channelMessages(h.emulator.channelId), {
      body: {
        content: 'An old message',
        components: [
          {
            type: 1,
            components: [
              { type: 2, style: 2, label: 'Old', custom_id: outdated },
              { type: 2, style: 2, label: 'Carried', custom_id: carried },
              { type: 2, style: 2, label: 'Unsealed', custom_id: '1:b:abc' },
              { type: 2, style: 2, label: 'Garbage', custom_id: 'DROP TABLE;' },
            ],
          },
        ],
      },
    })) as { id: string };
    const message = h.emulator.message(posted.id);
    const old = await press(message, outdated);
    expect(isEphemeral(old.callback)).toBe(true);
    expect(old.callback.data?.content).toContain('no longer available');
    for (const forged of [carried, '1:b:abc', 'DROP TABLE;']) {
      const refused = await press(message, forged);
      expect(isEphemeral(refused.callback)).toBe(true);
      expect(refused.callback.data?.content).toContain('not valid');
    }
    expect(current(message).edits).toBe(0);
  });

  test('every reply meant for one person, run in a server channel, is shown to that person alone', async () => {
    await start();
    const personal: [string, Record<string, CommandOptionValue>][] = [
      ['link', {}],
      ['link', { code: 'ABCDE-FGHJK' }],
      ['unlink', {}],
      ['review', {}],
      ['remind', { time: '19:00' }],
      ['progress', {}],
      ['streak', {}],
      ['timezone', { zone: 'Europe/Berlin' }],
      ['read', { article: 'deepseek' }],
      ['quiz', { article: 'deepseek', mode: 'solo' }],
    ];
    for (const [name, options] of personal) {
      const { record } = await run(name, options);
      const replies = [record.original, ...record.followUps].filter(
        (reply) => reply !== undefined && reply !== null,
      );
      expect(replies.length, `/${name}`).toBeGreaterThan(0);
      expect(
        replies.every((reply) => reply?.ephemeral),
        `/${name}`,
      ).toBe(true);
    }
    expect(channelPosts()).toEqual([]);
  });

  test('/subscribe needs Manage Channels, and says so when the bot itself cannot post here', async () => {
    await start();
    const member = await run(
      'subscribe',
      { kind: 'daily-brief', time: '08:30' },
      { user: bob, permissions: REGULAR_MEMBER_PERMISSIONS },
    );
    expect(isEphemeral(member.callback)).toBe(true);
    expect(member.callback.data?.content).toContain('Only the chat');
    const none = await run('subscriptions');
    expect(textOf(none.record.original)).toContain('no subscriptions');

    h.emulator.setAppPermissions(
      h.emulator.channelId,
      Permission.ViewChannel | Permission.UseApplicationCommands | Permission.ReadMessageHistory,
    );
    const blocked = await run('subscribe', { kind: 'daily-brief', time: '08:30' }, { user: alice });
    expect(isEphemeral(blocked.callback)).toBe(true);
    expect(blocked.callback.data?.content).toContain(
      "I can't post in this channel: I need Send Messages, Embed Links",
    );
    // A group quiz there is refused the same way when its question cannot be posted.
    const quiz = await run('quiz', { article: 'deepseek-v4-delay', mode: 'group' }, { user: alice });
    expect(quiz.record.original?.content).toContain("I can't post in this channel");
    expect(quiz.record.original?.ephemeral).toBe(true);

    h.emulator.setAppPermissions(
      h.emulator.channelId,
      Permission.ViewChannel |
        Permission.SendMessages |
        Permission.EmbedLinks |
        Permission.UseApplicationCommands,
    );
    const subscribed = await run('subscribe', { kind: 'daily-brief', time: '08:30' }, { user: alice });
    expect(isEphemeral(subscribed.callback)).toBe(false);
    expect(textOf(subscribed.record.original)).toContain('Daily brief set for');
  });

  test('content with < > &, @everyone, mentions and **markdown** is escaped, and nothing can ping', async () => {
    await start();
    const tricky = await run('brief', { article: 'tricky-markdown' });
    const embed = tricky.record.original?.embeds[0];
    expect(embed?.title).toBe('\\*\\*Bold\\*\\* claim @\u200beveryone \\<@123> & friends');
    expect(embed?.description).toBe(
      '> \\_under\\_ \\~\\~strike\\~\\~ \\|\\|spoiler\\|\\| \\[link\\]\\(https://evil.example\\) \\`code\\`',
    );
    expect(embed?.fields?.[0]?.value).toBe('\\# not a heading\n\\> not a quote\n\\- not a list @\u200bhere');
    expect(tricky.record.original?.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(tricky.record.original?.embeds)).not.toMatch(/@(everyone|here)/);

    const ferro = await run('brief', { article: 'ferrobridge-dangling-str' });
    const card = ferro.record.original?.embeds[0];
    expect(card?.title).toBe(
      'ferrobridge fixes "Rust \\<-> C++" bug where &str views outlived their Vec\\<T>',
    );
    expect(card?.description).toContain('&str');
  });

  test('autocomplete suggests articles, topics (also in a comma list) and time zones', async () => {
    await start();
    const suggest = async (name: string, option: string, typed: string) => {
      const handle = h.emulator.autocomplete({
        channelId: h.emulator.channelId,
        name,
        options: { [option]: typed },
        focused: option,
      });
      const callback = await handle.callback();
      expect(callback.type).toBe(8);
      return callback.data?.choices ?? [];
    };
    const articles = await suggest('brief', 'article', 'deepsek chips');
    expect(articles[0]).toEqual({
      name: h.catalog.byId('deepseek-v4-delay')?.title,
      value: 'deepseek-v4-delay',
    });
    const newest = await suggest('quiz', 'article', '');
    expect(newest.length).toBe(Math.min(25, h.catalog.all().length));
    const topics = await suggest('news', 'topic', 'sec');
    expect(topics[0]).toMatchObject({ value: 'security' });
    const list = await suggest('subscribe', 'topics', 'ai, sec');
    expect(list[0]).toMatchObject({ value: 'ai,security' });
    const zones = await suggest('timezone', 'zone', 'berl');
    expect(zones).toContainEqual({ name: 'Europe/Berlin', value: 'Europe/Berlin' });
    expect(zones.length).toBeLessThanOrEqual(25);
    // Cities as people write them, as /timezone reads them: any case, accents, spaces.
    expect((await suggest('timezone', 'zone', 'são paulo'))[0]).toEqual({
      name: 'America/Sao_Paulo',
      value: 'America/Sao_Paulo',
    });
    expect((await suggest('subscribe', 'timezone', 'new york'))[0]).toMatchObject({
      value: 'America/New_York',
    });
  });

  test('a handler that throws is logged with the interaction id and the user gets a private apology', async () => {
    await start({
      router: (real) => {
        const broken = new CommandRouter(real.commands, real.core);
        broken.runOptions = (actor, name, values, canManage) =>
          name === 'topics'
            ? Promise.reject(new Error('boom'))
            : real.runOptions(actor, name, values, canManage);
        return broken;
      },
    });
    const failed = await run('topics');
    expect(failed.callback.type).toBe(4);
    expect(isEphemeral(failed.callback)).toBe(true);
    expect(failed.callback.data?.content).toContain('Sorry, something went wrong');
    const logged = h.logs.find((record) => record.msg === 'interaction handler failed');
    expect(logged).toMatchObject({ level: 50, interactionId: failed.id, command: 'topics' });

    // An expired interaction (10062) is logged, not thrown, and the bot carries on.
    h.emulator.failNext('POST', /^\/interactions\/\d+\/[^/]+\/callback$/, 404, {
      message: 'Unknown interaction',
      code: 10062,
    });
    const expired = h.emulator.runCommand({ channelId: h.emulator.channelId, name: 'help' });
    const warned = await eventually(() =>
      h.logs.find((record) => record.interactionId === expired.id && record.msg?.includes('expired')),
    );
    expect(warned.level).toBe(40);
    const help = await run('help');
    expect(textOf(help.record.original)).toContain('/quiz');
  });

  test('slow work is deferred inside the 3-second window, then completed', async () => {
    const slow = async <T>(work: () => Promise<T>) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return work();
    };
    await start({
      adapter: { deferAfterMs: 20 },
      router: (real) => {
        const delayed = new CommandRouter(real.commands, real.core);
        delayed.runOptions = (...args) => slow(() => real.runOptions(...args));
        delayed.press = (...args) => slow(() => real.press(...args));
        return delayed;
      },
    });
    const brief = await run('brief', { article: 'deepseek-v4-delay' });
    expect(brief.callback.type).toBe(5);
    expect(isEphemeral(brief.callback)).toBe(true);
    expect(brief.callback.elapsedMs).toBeLessThan(1_000);
    // The private placeholder gives way to the public card.
    const card = brief.record.followUps[0];
    expect(card?.ephemeral).toBe(false);
    expect(textOf(card)).toContain('What changed');
    expect(h.emulator.channelMessages(h.emulator.channelId).map((m) => m.id)).toEqual([card?.id]);

    // Reading is personal: the shared card stays as it is and the first step comes to the reader alone.
    const read = await press(card, button(card, 'Read'));
    expect(read.callback.type).toBe(6);
    const step = await eventually(() =>
      read.record.followUps.find((m) => textOf(m).includes('Focus sentence 1 of')),
    );
    expect(step.ephemeral).toBe(true);
    expect(current(card).edits).toBe(0);
  });

  test('a group round whose channel became unreachable marks the chat inactive', async () => {
    await start();
    await run('quiz', { article: 'deepseek-v4-delay', mode: 'group', seconds: 20 }, { user: alice });
    await eventually(() => channelPosts()[0]);
    h.emulator.setAppPermissions(h.emulator.channelId, 0n);
    h.clock.advance(21_000);
    await h.timers.sweep();
    await expect
      .poll(async () => (await h.core.chats.get('discord', h.emulator.channelId))?.active)
      .toBe(false);
  });
});

// A reminder is set in the zone the person's profile holds as the reminder is written: /remind and
// /timezone on two instances, in turn or at once, repeated, never leave the reminder in one zone and the
// profile in another.
import { describe, expect } from 'vitest';
import { commands } from '../../commands/index.ts';
import { CommandRouter } from '../../src/command-kit/command-router.ts';
import { ArticleIndex } from '../../src/core/article-catalog.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { type CoreServices, createCore } from '../../src/core/core-services.ts';
import { seededRandom } from '../../src/core/seeded-random.ts';
import { silentLogger } from '../../src/logger.ts';
import type { OpenedStore } from '../../src/store/open-store.ts';
import { ProfilesRepository } from '../../src/store/profiles-repository.ts';
import { storePorts } from '../../src/store/store-ports.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { RACES, STORE_BACKENDS, useStorePair } from '../support/store-backends.ts';
import { actor, NOW, shippedArticles } from '../support/test-core.ts';

async function instance(store: OpenedStore): Promise<{ core: CoreServices; router: CommandRouter }> {
  const catalog = new ArticleIndex(await shippedArticles());
  const clock = new ManualClock(NOW);
  const core = createCore({
    catalog: () => catalog,
    ports: storePorts(store),
    clock,
    timers: clock,
    random: seededRandom(1),
    defaultTimeZone: 'UTC',
    log: silentLogger(),
  });
  return { core, router: new CommandRouter(commands, core) };
}

describe.each(STORE_BACKENDS)('a reminder and the zone it follows, in the $name store', (backend) => {
  const { pair, maybe } = useStorePair(backend);
  const run = (side: { router: CommandRouter }, userId: string, name: string, args: string) =>
    side.router.runLine(actor(userId, userId, { chatKind: 'private' }), { name, args }, async () => true);

  maybe('/remind on one instance after /timezone on another sets the reminder in the new zone', async () => {
    const [one, two] = [await instance(pair.on(0)), await instance(pair.on(1))];
    await run(one, 'ana', 'remind', '19:00');
    await run(two, 'ana', 'timezone', 'Asia/Tokyo');
    await run(one, 'ana', 'remind', '20:00');
    const [reminder] = await new SubscriptionsRepository(pair.on(1).records).forChat('console', 'ana');
    expect(reminder).toMatchObject({ time: '20:00', timezone: 'Asia/Tokyo' });
  });

  maybe(`/remind and /timezone at once on two instances agree on the zone (${RACES} times)`, async () => {
    const [one, two] = [await instance(pair.on(0)), await instance(pair.on(1))];
    const subscriptions = new SubscriptionsRepository(pair.on(1).records);
    const profiles = new ProfilesRepository(pair.on(0).records);
    for (let race = 0; race < RACES; race++) {
      const userId = `u${race}`;
      const jitter = (n: number) => new Promise((resolve) => setTimeout(resolve, (race * 7 + n * 3) % 4));
      await Promise.all([
        jitter(0).then(() => run(one, userId, 'remind', '19:00')),
        jitter(1).then(() => run(two, userId, 'timezone', 'Asia/Tokyo')),
      ]);
      const [reminder] = await subscriptions.forChat('console', userId);
      const zone = (await profiles.get('console', userId))?.timezone;
      expect([reminder?.timezone, zone], `race ${race}`).toEqual(['Asia/Tokyo', 'Asia/Tokyo']);
    }
  });
});

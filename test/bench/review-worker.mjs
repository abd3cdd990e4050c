// One side of npm run bench:review, run by review.bench.ts as its own process on the compiled code
// (dist/): `seed` writes USERS users × CARDS review cards through the review cards port; `pick` reads
// the due cards of users in random order through ReviewService.due, as /review, /progress and a
// reminder do, timing each pick and sampling the process's memory. Prints one JSON line.
// Plain JavaScript, run with `node` and no loader, so the process holds what the bot would.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = join(import.meta.dirname, '..', '..');
const dist = (path) => import(join(root, 'dist', path));
const { loadContent } = await dist('src/content/load-content.js');
const { ArticleIndex } = await dist('src/core/article-catalog.js');
const { ReviewService } = await dist('src/core/review/review-service.js');
const { questionKey } = await dist('src/core/review/question-key.js');
const { cardId } = await dist('src/core/records/review-card.js');
const { seededRandom } = await dist('src/core/seeded-random.js');
const { openStore } = await dist('src/store/open-store.js');
const { storePorts } = await dist('src/store/store-ports.js');
const { silentLogger } = await dist('src/logger.js');

const mode = process.argv[2];
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const CARDS = Number(process.env.BENCH_CARDS ?? 50);
const PICKS = Number(process.env.BENCH_PICKS ?? USERS);
const NOW = Date.parse('2026-11-30T12:00:00Z');
const DAY = 86_400_000;
/** About this share of each user's cards is due at NOW. */
const DUE_SHARE = 0.2;

/** The shipped articles, copied under new ids until there are enough questions for CARDS cards each. */
async function catalog() {
  const loaded = await loadContent(join(root, 'content'));
  const base = loaded.articles.map((entry) => entry.article);
  const perCopy = base.reduce((sum, article) => sum + article.questions.length, 0);
  const copies = Math.ceil((CARDS * 2) / perCopy);
  const articles = [];
  for (let copy = 0; copy < copies; copy++) {
    for (const article of base) {
      articles.push({
        ...article,
        id: `${article.id}-c${copy}`,
        questions: article.questions.map((question) => ({
          ...question,
          prompt: `${question.prompt} (${copy})`,
        })),
      });
    }
  }
  return new ArticleIndex(articles);
}

/** A user's cards: CARDS questions of the catalog, starting at a place of their own, some due. */
function cardsOf(index, questions, random) {
  const cards = {};
  for (let n = 0; n < CARDS; n++) {
    const { article, prompt } = questions[(index * 7 + n) % questions.length];
    const key = questionKey(prompt);
    const due =
      random() < DUE_SHARE ? NOW - Math.floor(random() * 3 * DAY) : NOW + Math.floor(random() * 30 * DAY) + 1;
    cards[cardId(article, key)] = {
      articleId: article,
      questionKey: key,
      fsrs: {
        due,
        stability: 3 + random() * 20,
        difficulty: 1 + random() * 9,
        elapsed_days: Math.floor(random() * 10),
        scheduled_days: Math.floor(random() * 30),
        reps: 1 + Math.floor(random() * 5),
        lapses: Math.floor(random() * 3),
        learning_steps: 0,
        state: 2,
        last_review: due - 5 * DAY,
      },
      answers: [`rv${String(index).padStart(10, '0')}:0:u${index}`],
    };
  }
  return { v: 1, cards };
}

function memory() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  return () => {
    clearInterval(timer);
    return Math.round((Math.max(peak, process.memoryUsage().rss) / 1024 / 1024) * 10) / 10;
  };
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const round = (ms) => Math.round(ms * 1000) / 1000;

const index = await catalog();
const questions = index
  .all()
  .flatMap((article) =>
    article.questions.map((question) => ({ article: article.id, prompt: question.prompt })),
  );
const store = await openStore(process.env.STORE_URL ?? '', silentLogger(), process.env.STORE_NAMESPACE);
const ports = storePorts(store);
const stopMemory = memory();
try {
  if (mode === 'seed') {
    const random = seededRandom(13);
    const began = performance.now();
    const BATCH = 100;
    for (let start = 0; start < USERS; start += BATCH) {
      const writes = [];
      for (let user = start; user < Math.min(USERS, start + BATCH); user++) {
        const cards = cardsOf(user, questions, random);
        writes.push(
          ports.reviewCards.update('telegram', `u${user}`, () => ({ next: cards, result: undefined })),
        );
      }
      await Promise.all(writes);
    }
    const seconds = (performance.now() - began) / 1000;
    console.log(
      JSON.stringify({
        mode,
        users: USERS,
        cards: USERS * CARDS,
        seconds: Math.round(seconds * 10) / 10,
        rssMb: stopMemory(),
      }),
    );
  } else if (mode === 'pick') {
    const reviews = new ReviewService({ cards: ports.reviewCards, catalog: () => index });
    const random = seededRandom(29);
    const order = Array.from({ length: USERS }, (_, user) => user);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    // Warm-up: the first reads open statements and connections.
    for (let n = 0; n < 50; n++) await reviews.due('telegram', `u${order[n % USERS]}`, NOW);
    const times = [];
    let due = 0;
    let seen = 0;
    for (let n = 0; n < PICKS; n++) {
      const user = `u${order[n % USERS]}`;
      const began = performance.now();
      const picked = await reviews.due('telegram', user, NOW);
      times.push(performance.now() - began);
      due += picked.due.length;
      seen += picked.due.length + (picked.next === null ? 0 : 1);
      if (picked.due.length + (picked.next === null ? 0 : 1) === 0)
        throw new Error(`user ${user} has no cards: was the store seeded?`);
    }
    times.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        mode,
        picks: PICKS,
        p50Ms: round(percentile(times, 50)),
        p99Ms: round(percentile(times, 99)),
        maxMs: round(times.at(-1) ?? 0),
        dueAvg: Math.round((due / PICKS) * 10) / 10,
        rssMb: stopMemory(),
        heapMb: Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10,
        checked: seen > 0,
      }),
    );
  } else {
    console.error('review-worker: say seed or pick');
    process.exitCode = 2;
  }
} finally {
  stopMemory();
  await store.close();
}

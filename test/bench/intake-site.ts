// The news site of bench:intake as its own process: prints its origin, serves until stdin closes.
import { startNewsSite } from '../intake/news-site.ts';

const site = await startNewsSite({
  benchPages: Number(process.env.BENCH_PAGES ?? 200) + Number(process.env.BENCH_WARMUP ?? 20),
});
console.log(site.origin);
process.stdin.resume();
process.stdin.on('end', () => void site.close().then(() => process.exit(0)));

import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'packages/*/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // One test file per core. Vitest's default leaves a core free, which on a 2-core machine runs the
    // files one after another, while many of them mostly wait on child processes, sockets and timers.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});

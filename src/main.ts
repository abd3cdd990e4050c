// Composition root: configuration, content, store, core, adapters; start, and stop on signals.

import { runApp } from './app/run-app.ts';
import { ConfigError, loadConfig } from './config.ts';

try {
  const config = loadConfig();
  await runApp(config);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`${error.message}\n\nSee .env.example for every variable and its expected form.`);
    process.exit(2);
  }
  console.error(`newsquiz could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// Entry point: configuration, then the app; SIGTERM/SIGINT stop it cleanly with exit code 0.
import { createApp } from './app/create-app.ts';
import { ConfigError, loadConfig, secretValues } from './config.ts';
import { scrubSecrets } from './logger.ts';

// A signal that arrives while the app is still being made (opening the store, reading content) stops it
// as soon as it exists, with exit code 0, instead of killing the process half started.
let app: Awaited<ReturnType<typeof createApp>> | undefined;
let stopRequested = false;
let stopping = false;
const stop = async (code: number) => {
  stopRequested = true;
  if (stopping || !app) return;
  stopping = true;
  await app.stop();
  process.exit(code);
};
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

try {
  const config = loadConfig();
  app = await createApp(config);
  if (stopRequested) await stop(0);
  // A shard whose launcher is gone (killed, so it could not stop its shards) stops too, rather than run unwatched.
  if (config.discordShard && process.connected) process.once('disconnect', () => void stop(0));
  await app.start();
  // The console playground returns when its input ends; bots run until a signal.
  if (app.consoleSession) await stop(0);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`${error.message}\n\nSee .env.example for every variable and its expected form.`);
    process.exit(2);
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`newsquiz could not start: ${scrubSecrets(message, secretValues())}`);
  process.exit(1);
}

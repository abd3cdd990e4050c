// `npm run preview`: a local page showing every article of CONTENT_DIR as Telegram and Discord render it,
// with each question's answer statistics and readers' reports from the store (STORE_URL) when it opens.
import { resolve } from 'node:path';
import { ConfigError, loadAuthoringConfig, loadStoreReaderConfig } from '../config.ts';
import { ContentLibrary } from '../content/content-library.ts';
import { silentLogger } from '../logger.ts';
import { lazyQuality } from '../preview/preview-quality.ts';
import { startPreviewServer } from '../preview/preview-server.ts';
import { openQualityReader } from '../store/quality-reader.ts';

try {
  const config = loadAuthoringConfig();
  const library = new ContentLibrary(resolve(config.CONTENT_DIR), silentLogger(), { logProblems: false });
  await library.load();
  await library.watch();
  // The preview works without the store: a bad STORE_URL or a store that is down leaves the
  // statistics out, saying why.
  let store: ReturnType<typeof loadStoreReaderConfig> | ConfigError;
  try {
    store = loadStoreReaderConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    store = error;
  }
  const quality = lazyQuality(library, async () => {
    if (store instanceof ConfigError) throw store;
    return openQualityReader(store.STORE_URL, store.STORE_NAMESPACE, silentLogger());
  });
  const server = await startPreviewServer({
    library,
    port: config.PREVIEW_PORT,
    allowedHosts: config.PREVIEW_ALLOWED_HOSTS,
    quality: quality.read,
  });
  console.log(
    `Previewing ${config.CONTENT_DIR} at ${server.url} (updates when a file is saved; Ctrl+C stops).`,
  );
  const stop = async () => {
    await server.close();
    await library.close();
    await quality.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`${error.message}\n\nSee .env.example for every variable and its expected form.`);
    process.exit(2);
  }
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error('The preview port is in use; stop what runs there or set PREVIEW_PORT to another port.');
    process.exit(1);
  }
  throw error;
}

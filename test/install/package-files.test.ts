import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

interface LockEntry {
  dev?: boolean;
  hasInstallScript?: boolean;
  optionalDependencies?: Record<string, string>;
  version?: string;
}
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  allowScripts?: Record<string, boolean>;
  dependencies: Record<string, string>;
};

const nameOf = (location: string) => location.replace(/^.*node_modules\//, '');

test('package-lock.json lists packages in the order npm writes them, so npm install leaves it unchanged', () => {
  const locations = Object.keys(lock.packages);
  const npmOrder = [...locations].sort((a, b) => a.localeCompare(b, 'en'));
  expect(locations).toEqual(npmOrder);
});

test('every dependency with an install script is approved in package.json allowScripts', () => {
  const withScripts = Object.entries(lock.packages)
    .filter(([location, entry]) => location !== '' && entry.hasInstallScript)
    .map(([location, entry]) => ({ name: nameOf(location), version: entry.version }));
  expect(withScripts.length).toBeGreaterThan(0);
  const allowed = manifest.allowScripts ?? {};
  for (const { name, version } of withScripts) {
    expect(allowed[name] ?? allowed[`${name}@${version}`], `${name} is not in allowScripts`).toBe(true);
  }
});

test('package-lock.json has a record for every optional platform package, as npm ci requires', () => {
  const missing: string[] = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
      if (!lock.packages[nested] && !lock.packages[`node_modules/${name}`]) missing.push(name);
    }
  }
  expect(missing).toEqual([]);
});

test('nothing `npm ci --omit=dev` installs runs an install script (nothing is compiled for a production install)', () => {
  const withScripts = Object.entries(lock.packages)
    .filter(([location, entry]) => location !== '' && !entry.dev && entry.hasInstallScript)
    .map(([location]) => nameOf(location));
  expect(withScripts).toEqual([]);
});

test('the runtime dependencies are what the compiled bot needs: no compiler, no TypeScript loader', () => {
  expect(Object.keys(manifest.dependencies)).not.toContain('typescript');
  expect(Object.keys(manifest.dependencies)).not.toContain('tsx');
  expect(Object.keys(manifest.dependencies)).toContain('libsql');
});

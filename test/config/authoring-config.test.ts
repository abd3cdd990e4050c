import { expect, test } from 'vitest';
import { ConfigError, parseAuthoringConfig } from '../../src/config.ts';

test('the preview listens on 4321 and reads ./content unless told otherwise', () => {
  expect(parseAuthoringConfig({})).toEqual({
    CONTENT_DIR: './content',
    PREVIEW_PORT: 4321,
    PREVIEW_ALLOWED_HOSTS: [],
  });
  expect(parseAuthoringConfig({ PREVIEW_PORT: ' ', CONTENT_DIR: 'articles' })).toEqual({
    CONTENT_DIR: 'articles',
    PREVIEW_PORT: 4321,
    PREVIEW_ALLOWED_HOSTS: [],
  });
  expect(parseAuthoringConfig({ PREVIEW_PORT: '8080' }).PREVIEW_PORT).toBe(8080);
});

test('a bad PREVIEW_PORT is one problem saying what is expected, without echoing the value', () => {
  for (const value of ['0', '70000', 'http', '43.5']) {
    let thrown: unknown;
    try {
      parseAuthoringConfig({ PREVIEW_PORT: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toEqual([
      'PREVIEW_PORT: expected a port number from 1 to 65535 for the preview page, e.g. 4321',
    ]);
  }
});

test('the bot’s own variables are not needed or checked by the authoring tools', () => {
  expect(() => parseAuthoringConfig({ DISCORD_TOKEN: 'not a token', STORE_URL: 'ftp://x' })).not.toThrow();
});

test('PREVIEW_ALLOWED_HOSTS lists further names the preview answers to, separated by commas', () => {
  expect(
    parseAuthoringConfig({ PREVIEW_ALLOWED_HOSTS: ' Preview.Local, my-laptop ,,[fd00::1],10.0.0.5' }),
  ).toMatchObject({ PREVIEW_ALLOWED_HOSTS: ['preview.local', 'my-laptop', 'fd00::1', '10.0.0.5'] });
  expect(parseAuthoringConfig({ PREVIEW_ALLOWED_HOSTS: ' ' })).toMatchObject({ PREVIEW_ALLOWED_HOSTS: [] });
});

test('a PREVIEW_ALLOWED_HOSTS entry with a scheme, a port, a path or a space is one problem saying what is expected', () => {
  for (const value of ['http://preview.local', 'preview.local:4321', 'preview.local/x', 'my laptop', '*']) {
    let thrown: unknown;
    try {
      parseAuthoringConfig({ PREVIEW_ALLOWED_HOSTS: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toEqual([
      'PREVIEW_ALLOWED_HOSTS: expected host names separated by commas, without http:// or a port, e.g. preview.local,my-laptop',
    ]);
  }
});

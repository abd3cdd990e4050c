// Host header rules of the servers on this machine (preview, ops endpoint).
import { expect, test } from 'vitest';
import { hostAllowlist, isLoopback, parseHostHeader } from '../../src/http/host-allowlist.ts';

test('a Host header is a name or an address with an optional port; anything else is not one', () => {
  expect(parseHostHeader('LocalHost:4321')).toEqual({ host: 'localhost', port: 4321 });
  expect(parseHostHeader('example.org.')).toEqual({ host: 'example.org', port: 80 });
  expect(parseHostHeader('[::1]:9464')).toEqual({ host: '::1', port: 9464 });
  for (const bad of ['', 'a b', 'user@localhost:4321', 'localhost:43x', 'http://localhost', '[::1', 'a:b:c'])
    expect([bad, parseHostHeader(bad)]).toEqual([bad, undefined]);
});

test('an allowlist answers loopback names and the bound address, on the bound port only', () => {
  const bound = hostAllowlist('10.1.2.3', 9464);
  for (const host of ['localhost:9464', '127.0.0.1:9464', '[::1]:9464', '10.1.2.3:9464'])
    expect([host, bound.allows(host)]).toEqual([host, true]);
  for (const host of ['localhost', 'localhost:9465', 'evil.example:9464', '10.1.2.4:9464', undefined])
    expect([host, bound.allows(host)]).toEqual([host, false]);
  // A wildcard bind is no name of its own.
  expect(hostAllowlist('0.0.0.0', 80).allows('0.0.0.0')).toBe(false);
  expect(hostAllowlist('0.0.0.0', 80).allows('localhost')).toBe(true);
  expect(hostAllowlist('127.0.0.1', 4321, ['preview.local']).names).toBe(
    'localhost, 127.0.0.1, [::1] or preview.local',
  );
});

test('loopback is localhost, 127.0.0.0/8 and ::1; other addresses and wildcards are not', () => {
  for (const address of ['localhost', '127.0.0.1', '127.9.9.9', '::1', '[::1]'])
    expect(isLoopback(address)).toBe(true);
  for (const address of ['0.0.0.0', '::', '10.0.0.1', 'bot-host']) expect(isLoopback(address)).toBe(false);
});

// A TCP proxy on loopback that can fail the ways a network does: cut every connection, swallow new ones
// (accepted, never answered), or freeze the open ones (no bytes either way, nothing closed).
import { createConnection, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** New connections: passed through, or accepted and left without an answer. */
  setMode(mode: 'forward' | 'black-hole'): void;
  /** Closes every open connection, as a crash of the far end would. */
  cut(): void;
  /** The open connections stop carrying bytes but stay open, as after a dropped NAT entry. */
  freeze(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let mode: 'forward' | 'black-hole' = 'forward';
  const open = new Set<{ client: Socket; upstream?: Socket }>();
  const server = createServer((client) => {
    const pair: { client: Socket; upstream?: Socket } = { client };
    open.add(pair);
    client.on('error', () => undefined);
    client.on('close', () => {
      pair.upstream?.destroy();
      open.delete(pair);
    });
    if (mode === 'black-hole') {
      client.pause();
      return;
    }
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    pair.upstream = upstream;
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    port: address.port,
    setMode: (next) => {
      mode = next;
    },
    cut: () => {
      for (const { client, upstream } of open) {
        client.destroy();
        upstream?.destroy();
      }
    },
    freeze: () => {
      for (const { client, upstream } of open) {
        client.unpipe();
        upstream?.unpipe();
        client.pause();
        upstream?.pause();
      }
    },
    close: async () => {
      for (const { client, upstream } of open) {
        client.destroy();
        upstream?.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

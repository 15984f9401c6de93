import net from 'node:net';

/**
 * A loopback TCP proxy in front of a server, so a test can take the server "down" for its
 * clients (close the proxy) and bring it back on the same address, without restarting it.
 *
 * @public
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer(client => {
        const upstream = net.connect(target.port, target.host);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const close = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', close).on('close', close);
        upstream.on('error', close).on('close', close);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });

  const close = () =>
    new Promise<void>(resolve => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      if (server) {
        server.close(() => resolve());
        server = undefined;
      } else {
        resolve();
      }
    });

  await listen();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    /** Stop accepting connections: the server is unreachable through the proxy. */
    down: close,
    /** Accept connections again, on the same port. */
    up: listen,
    close,
  };
}

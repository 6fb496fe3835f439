import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { cutSlowRequests } from './slowRequests';

describe('cutSlowRequests', () => {
  it('closes a connection whose body trickles in past the limit, and serves a normal request', async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    cutSlowRequests(server, 300);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const normal = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'x' });
      expect(await normal.text()).toBe('ok');

      const socket = connect(port, '127.0.0.1');
      // The server cutting the connection can reach this client as a reset: that is the behaviour under test.
      socket.on('error', () => undefined);
      const started = Date.now();
      socket.write('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nabc');
      const trickle = setInterval(() => socket.write('a'), 100);
      await new Promise<void>((resolve) => socket.on('close', () => resolve()));
      clearInterval(trickle);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      server.close();
    }
  });
});

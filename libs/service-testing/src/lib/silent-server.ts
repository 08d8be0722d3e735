import { createServer, type Socket } from 'node:net';

export interface SilentServer {
  url: string;
  /** Drops the connections it holds and stops listening. */
  close(): Promise<void>;
}

/** A TCP server on 127.0.0.1 that accepts connections and never answers: a peer that hangs. */
export async function silentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

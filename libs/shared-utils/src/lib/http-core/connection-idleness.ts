import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

interface ConnectionState {
  /** Requests received on the connection whose response has not finished. */
  active: number;
  /** When the last response finished (or the connection opened). */
  idleSince: number;
}

/**
 * Every open connection of an HTTP server and since when it has had no request in progress, so
 * a draining server can close only the keep-alive connections its clients have stopped using
 * (Node's `closeIdleConnections` closes every idle one at once, also the one a client is
 * writing its next request to at that moment).
 */
export class ConnectionIdleness {
  private readonly connections = new Map<Socket, ConnectionState>();

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => {
      this.connections.set(socket, { active: 0, idleSince: Date.now() });
      socket.once('close', () => this.connections.delete(socket));
    });
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const state = this.connections.get(request.socket);
      if (!state) return;
      state.active++;
      response.once('close', () => {
        state.active--;
        state.idleSince = Date.now();
      });
    });
  }

  /** Destroys the connections with no request in progress that have been idle for at least `ms`. */
  closeIdleFor(ms: number): void {
    const now = Date.now();
    for (const [socket, state] of this.connections) {
      if (state.active === 0 && now - state.idleSince >= ms) socket.destroy();
    }
  }

  /** Destroys every open connection (the end of the drain time). */
  closeAll(): void {
    for (const socket of this.connections.keys()) socket.destroy();
  }
}

import { freePort } from '@factsway/dev-support';

/** A base URL where nothing listens: a port on 127.0.0.1 that was free a moment ago. */
export async function closedPortUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}

/** One envelope as the sink received it: `[header, [[itemHeader, payload], ...]]`. */
export interface SinkEnvelope {
  /** Spotlight's id for the envelope; `GET /envelope/:id` returns its raw bytes. */
  id: string;
  contentType: string;
  header: Record<string, unknown>;
  items: [Record<string, unknown>, unknown][];
}

export interface ReadEnvelopesOptions {
  /** Stop as soon as this holds for what has arrived. Default: read until the timeout. */
  until?: (envelopes: SinkEnvelope[]) => boolean;
  timeoutMs: number;
}

/**
 * Reads the sink's server-sent event stream (`GET /stream`), which replays everything the sink
 * holds and then follows new arrivals, until `until` holds or the timeout passes.
 */
export async function readSinkEnvelopes(sinkUrl: string, options: ReadEnvelopesOptions): Promise<SinkEnvelope[]> {
  const envelopes: SinkEnvelope[] = [];
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs);
  try {
    const response = await fetch(`${sinkUrl}/stream?client=factsway-tests`, { signal: abort.signal });
    if (!response.ok || !response.body) throw new Error(`GET ${sinkUrl}/stream answered ${response.status}`);
    const decoder = new TextDecoder();
    let pending = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      pending += decoder.decode(chunk, { stream: true });
      let boundary: number;
      while ((boundary = pending.indexOf('\n\n')) >= 0) {
        const block = pending.slice(0, boundary);
        pending = pending.slice(boundary + 2);
        const envelope = parseEvent(block);
        if (envelope) envelopes.push(envelope);
      }
      if (options.until?.(envelopes)) break;
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return envelopes;
}

function parseEvent(block: string): SinkEnvelope | undefined {
  let id = '';
  let event = '';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('id:')) id = line.slice(3).trim();
    else if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (data.length === 0) return undefined;
  const [header, items] = JSON.parse(data.join('\n')) as [Record<string, unknown>, [Record<string, unknown>, unknown][]];
  return { id, contentType: event, header, items };
}

/** The error events (`type: event` items) in what the sink received. */
export function errorEvents(envelopes: SinkEnvelope[]): Record<string, unknown>[] {
  return envelopes.flatMap((e) =>
    e.items.filter(([itemHeader]) => itemHeader['type'] === 'event').map(([, payload]) => payload as Record<string, unknown>),
  );
}

/** The bytes the SDK sent for one envelope, exactly as they arrived (decompressed). */
export async function rawEnvelope(sinkUrl: string, id: string): Promise<string> {
  const response = await fetch(`${sinkUrl}/envelope/${encodeURIComponent(id)}`);
  if (!response.ok) throw new Error(`GET ${sinkUrl}/envelope/${id} answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer()).toString('utf8');
}

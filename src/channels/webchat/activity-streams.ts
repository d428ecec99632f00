import type { Duplex } from 'node:stream';
import type { Request } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import type { Logger } from '../../platform/logging/logger.js';
import { refuseUpgrade, takesUpgrades } from '../../platform/http/http-server.js';
import type { ActivityLog } from './activity-log.js';
import { parseWatermark } from './client-activity.js';
import type { ConversationRepository } from './conversation-repository.js';
import { assertConversationAccess, type DirectLineAuth } from './directline-auth.js';
import { badArgument, DirectLineError, notFound } from './directline-error.js';
import type { VisitorLimits } from './visitor-limits.js';

/** Where the channel mounts its Direct Line API. */
export const DIRECT_LINE_PATH = '/v3/directline';
const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;

/** RFC 6455 close codes the streams use. */
const NORMAL = 1000;
const GOING_AWAY = 1001;
/** Refused: no token, a foreign or expired one, an unknown conversation, too many streams. */
const POLICY_VIOLATION = 1008;
/** A refused or closed client gets this long to answer the close frame before its socket is cut. */
const CLOSE_GRACE_MS = 2000;
/** Conversations per store look-up of the store poll. */
const POLL_BATCH = 500;

export type StreamLimits = Pick<VisitorLimits, 'streamsPerConversation' | 'streamsPerIp' | 'streamBufferBytes' | 'streamStallMs'>;

export interface ActivityStreamsDeps {
  log: ActivityLog;
  conversations: ConversationRepository;
  auth: DirectLineAuth;
  logger: Logger;
  limits: StreamLimits;
  /**
   * How often the open streams' conversations are looked up in the store for activities that another
   * instance appended (this instance's own appends wake their streams at once): one query by id per
   * 500 conversations, whatever the number of streams.
   */
  storePollMs: number;
}

/**
 * What POST /conversations and GET /conversations/:id add to their answer: Direct Line's `streamUrl`,
 * if the host passes WebSocket upgrades to the streams (else nothing: clients poll).
 */
export function streamUrlFor(req: Request, conversationId: string, token: string, watermark: number): { streamUrl?: string } {
  if (!takesUpgrades(req)) return {};
  const query = new URLSearchParams();
  if (watermark > 0) query.set('watermark', String(watermark));
  query.set('t', token);
  const host = req.get('host') ?? 'localhost';
  // wss: also when only an untrusted proxy says https (TRUST_PROXY unset): a ws: address on an https
  // page would be blocked, and the scheme of its own URL is all a caller could change with the header.
  const secure = req.secure || req.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
  return { streamUrl: `${secure ? 'wss' : 'ws'}://${host}${DIRECT_LINE_PATH}/conversations/${encodeURIComponent(conversationId)}/stream?${query.toString()}` };
}

class Stream {
  /** The last sequence number sent (the watermark of the last frame). */
  watermark: number;
  /** Answered the last ping (or sent anything) since it went out. */
  alive = true;
  /** More than streamBufferBytes wait for the client: the log is read again once that drained. */
  blocked = false;
  pumping = false;
  /** Woken while reading: read once more before resting. */
  again = false;
  open = true;

  constructor(
    readonly socket: WebSocket,
    readonly conversationId: string,
    readonly source: string,
    watermark: number,
  ) {
    this.watermark = watermark;
  }
}

/**
 * Direct Line 3.0's WebSocket stream: the server pushes activity sets `{activities, watermark}` as
 * JSON text frames; the client sends nothing the server reads (botframework-directlinejs sends an
 * empty frame every 20 s). Every stream tails the shared activity log by watermark, in the pages a
 * poll gets: this instance's own appends wake the streams of that conversation at once
 * (ActivityLog.onAppend), and a store poll every `storePollMs` compares each streamed
 * conversation's last sequence number with the stream's watermark, so that replies written by
 * another instance arrive too. Nothing lives only in the stream: what a dropped stream did not
 * send stays in the log for the next connect or poll.
 */
export class ActivityStreams {
  private readonly server = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false, maxPayload: 4096 });
  private readonly byConversation = new Map<string, Set<Stream>>();
  private readonly bySource = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | undefined;
  private storePoll: NodeJS.Timeout | undefined;
  private storePolling = false;
  private storeFailing = false;
  private closed = false;

  constructor(private readonly deps: ActivityStreamsDeps) {
    deps.log.onAppend((conversationId) => this.wake(conversationId));
  }

  /**
   * Takes an upgrade request for `/v3/directline/conversations/:id/stream?watermark=&t=<token>`;
   * false for any other path (the host answers 404). Refusals of the token or the conversation
   * complete the upgrade and close with 1008 before anything is sent; a full address (streamsPerIp)
   * or a shutdown is refused before the upgrade (429, 503), so a browser sees the socket fail.
   */
  upgrade(req: Request, socket: Duplex, head: Buffer): boolean {
    let url: URL;
    try {
      url = new URL(req.url, 'http://localhost');
    } catch {
      return false; // not a path at all
    }
    const match = STREAM_PATH.exec(url.pathname);
    if (!match?.[1]) return false;
    this.accept(req, socket, head, match[1], url.searchParams).catch((error: unknown) => {
      this.deps.logger.error({ err: error }, 'webchat: a stream failed to open');
      socket.destroy();
    });
    return true;
  }

  /** Shutdown: closes every stream (1001: clients reconnect elsewhere or after the restart) and takes no more. */
  close(): void {
    this.closed = true;
    this.stopTimers();
    for (const stream of this.streams()) this.drop(stream, GOING_AWAY, 'ServiceRestarting');
  }

  private async accept(req: Request, socket: Duplex, head: Buffer, rawId: string, query: URLSearchParams): Promise<void> {
    if (this.closed) return refuseUpgrade(socket, 503);
    // IPv6 by /56 as the request limits count it.
    const source = ipKeyGenerator(req.ip ?? '', 56);
    if ((this.bySource.get(source) ?? 0) >= this.deps.limits.streamsPerIp) {
      this.deps.logger.info({ reason: 'TooManyRequests' }, 'webchat: stream refused: too many streams from one address');
      return refuseUpgrade(socket, 429);
    }
    let admitted: { conversationId: string; watermark: number } | DirectLineError;
    try {
      admitted = await this.admit(rawId, query);
    } catch (error) {
      // The store failed, not the client: it reconnects later.
      this.deps.logger.warn({ err: error }, 'webchat: could not open a stream');
      return refuseUpgrade(socket, 503);
    }
    this.server.handleUpgrade(req, socket, head, (ws) => {
      if (admitted instanceof DirectLineError) {
        this.deps.logger.info({ reason: admitted.code }, 'webchat: stream refused');
        return closeSoon(ws, POLICY_VIOLATION, admitted.code);
      }
      if (this.closed) return closeSoon(ws, GOING_AWAY, 'ServiceRestarting');
      // Counted again now: upgrades of one address may have been admitted side by side.
      if ((this.bySource.get(source) ?? 0) >= this.deps.limits.streamsPerIp) return closeSoon(ws, POLICY_VIOLATION, 'TooManyRequests');
      this.register(new Stream(ws, admitted.conversationId, source, admitted.watermark));
    });
  }

  /** The polling routes' checks: a valid token of this very conversation, which still exists. */
  private async admit(rawId: string, query: URLSearchParams): Promise<{ conversationId: string; watermark: number } | DirectLineError> {
    try {
      let conversationId: string;
      try {
        conversationId = decodeURIComponent(rawId);
      } catch {
        throw badArgument('the conversation id in the stream URL is not valid');
      }
      const watermark = parseWatermark(query.get('watermark'));
      const caller = await this.deps.auth.authenticateStream(query.get('t') ?? undefined);
      assertConversationAccess(caller, conversationId);
      if (!(await this.deps.conversations.find(conversationId))) throw notFound('the conversation does not exist (it may have been deleted)');
      return { conversationId, watermark };
    } catch (error) {
      if (error instanceof DirectLineError) return error;
      throw error;
    }
  }

  private register(stream: Stream): void {
    const peers = this.byConversation.get(stream.conversationId) ?? new Set<Stream>();
    // The newest one is the page the person looks at; an older one is a tab closed without a goodbye.
    for (const older of [...peers].slice(0, Math.max(0, peers.size - this.deps.limits.streamsPerConversation + 1))) {
      this.drop(older, POLICY_VIOLATION, 'ReplacedByNewerStream');
    }
    peers.add(stream);
    this.byConversation.set(stream.conversationId, peers);
    this.bySource.set(stream.source, (this.bySource.get(stream.source) ?? 0) + 1);
    const { socket } = stream;
    socket.on('pong', () => void (stream.alive = true));
    // Direct Line clients send empty frames to notice a broken connection; nothing a client sends is read.
    socket.on('message', () => void (stream.alive = true));
    socket.on('close', () => this.unregister(stream));
    // e.g. a frame over maxPayload: ws closes the socket itself (1009), 'close' follows.
    socket.on('error', (error) => this.deps.logger.debug({ err: error, conversationId: stream.conversationId }, 'webchat: stream error'));
    this.startTimers();
    this.deps.logger.debug({ conversationId: stream.conversationId, watermark: stream.watermark }, 'webchat: stream opened');
    void this.pump(stream);
  }

  private unregister(stream: Stream): void {
    if (!stream.open) return;
    stream.open = false;
    const peers = this.byConversation.get(stream.conversationId);
    peers?.delete(stream);
    if (peers?.size === 0) this.byConversation.delete(stream.conversationId);
    const left = (this.bySource.get(stream.source) ?? 1) - 1;
    if (left > 0) this.bySource.set(stream.source, left);
    else this.bySource.delete(stream.source);
    if (this.byConversation.size === 0) this.stopTimers();
  }

  private drop(stream: Stream, code: number, reason: string): void {
    this.unregister(stream);
    closeSoon(stream.socket, code, reason);
  }

  private *streams(): Iterable<Stream> {
    for (const peers of [...this.byConversation.values()]) yield* [...peers];
  }

  /** This instance appended to the conversation. */
  private wake(conversationId: string): void {
    const peers = this.byConversation.get(conversationId);
    if (peers) for (const stream of peers) void this.pump(stream);
  }

  /** Sends what the log holds after the stream's watermark, page by page; one reader per stream. Never rejects. */
  private async pump(stream: Stream): Promise<void> {
    if (stream.pumping) {
      stream.again = true;
      return;
    }
    stream.pumping = true;
    try {
      do {
        stream.again = false;
        await this.sendNew(stream);
      } while (stream.again && stream.open);
      this.storeAnswered();
    } catch (error) {
      this.storeFailed(error); // the store poll tries again
    } finally {
      stream.pumping = false;
    }
  }

  private async sendNew(stream: Stream): Promise<void> {
    while (stream.open) {
      // Backpressure: a client that reads slowly gets the rest once it caught up; the log keeps it meanwhile.
      if (stream.socket.bufferedAmount > this.deps.limits.streamBufferBytes) {
        stream.blocked = true;
        return;
      }
      const page = await this.deps.log.read(stream.conversationId, stream.watermark);
      // Nothing new, or a sequence number another writer has not stored yet (the log waits for it).
      if (!stream.open || page.watermark === stream.watermark) return;
      stream.watermark = page.watermark;
      stream.socket.send(JSON.stringify({ activities: page.activities, watermark: String(page.watermark) }), () => this.sent(stream));
    }
  }

  /** A frame left this process: go on if the stream waited for its buffer to drain. */
  private sent(stream: Stream): void {
    if (!stream.blocked || !stream.open || stream.socket.bufferedAmount > this.deps.limits.streamBufferBytes) return;
    stream.blocked = false;
    void this.pump(stream);
  }

  /**
   * Every half of streamStallMs: a stream that did not answer the last ping is dropped. The ping
   * queues behind whatever was sent before it, so this also drops a client that stopped reading.
   */
  private beat(): void {
    for (const stream of this.streams()) {
      if (!stream.alive) {
        this.deps.logger.info({ conversationId: stream.conversationId, watermark: stream.watermark }, 'webchat: stream dropped: its client reads nothing');
        this.unregister(stream);
        stream.socket.terminate(); // it would not read a close frame either
        continue;
      }
      stream.alive = false;
      stream.socket.ping();
    }
  }

  /** Activities that other instances appended: one look-up by id per batch of streamed conversations. */
  private async pollStore(): Promise<void> {
    if (this.storePolling) return;
    this.storePolling = true;
    try {
      const ids = [...this.byConversation.keys()];
      for (let start = 0; start < ids.length; start += POLL_BATCH) {
        const batch = ids.slice(start, start + POLL_BATCH);
        const nextSeqs = await this.deps.conversations.nextSeqs(batch);
        for (const id of batch) {
          const nextSeq = nextSeqs.get(id);
          for (const stream of [...(this.byConversation.get(id) ?? [])]) {
            // Erased or purged meanwhile: the client's reconnect learns 404 and ends.
            if (nextSeq === undefined) this.drop(stream, NORMAL, 'ConversationEnded');
            else if (nextSeq > stream.watermark) void this.pump(stream);
          }
        }
      }
      this.storeAnswered();
    } catch (error) {
      this.storeFailed(error);
    } finally {
      this.storePolling = false;
    }
  }

  private storeFailed(error: unknown): void {
    if (this.storeFailing) return;
    this.storeFailing = true;
    this.deps.logger.warn({ err: error }, 'webchat: streams cannot read the store; they try again');
  }

  private storeAnswered(): void {
    if (!this.storeFailing) return;
    this.storeFailing = false;
    this.deps.logger.info('webchat: streams read the store again');
  }

  private startTimers(): void {
    if (this.heartbeat || this.closed) return;
    this.heartbeat = setInterval(() => this.beat(), Math.max(20, Math.floor(this.deps.limits.streamStallMs / 2)));
    this.heartbeat.unref();
    this.storePoll = setInterval(() => void this.pollStore(), this.deps.storePollMs);
    this.storePoll.unref();
  }

  private stopTimers(): void {
    clearInterval(this.heartbeat);
    clearInterval(this.storePoll);
    this.heartbeat = undefined;
    this.storePoll = undefined;
  }
}

/** Closes with a close frame, and cuts the socket if the client does not answer it in time. */
function closeSoon(socket: WebSocket, code: number, reason: string): void {
  socket.close(code, reason);
  setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
}

import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Cluster, ControlMessage, RoomChannel } from "./Cluster.js";

/** Kinds of a document channel's binary messages (first byte). */
const enum DocumentMessage {
  update = 0,
  awareness = 1,
  presenceQuery = 2,
}

/**
 * Instances connected through Redis pub/sub. Each loaded document has a channel
 * (`<prefix>doc:<id>`) carrying binary messages: kind, sender instance, payload.
 * Control messages go over `<prefix>control` as JSON. The sender acts on its own
 * messages at once; when they come back through Redis they are ignored. Pub/sub delivers at most once: after a reconnect
 * the resync handler has rooms catch up from storage.
 */
export class RedisCluster implements Cluster {
  readonly instanceId = randomUUID();
  readonly shared = true;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channels = new Map<string, RoomChannel>();
  private readonly sender: Buffer;
  private controlHandler: (message: ControlMessage) => void = () => {};
  private resyncHandler: () => void = () => {};
  private readonly controlChannel: string;

  private constructor(
    url: string,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    const options = { maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: true } as const;
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    this.sender = Buffer.from(this.instanceId, "utf8");
    this.controlChannel = `${prefix}control`;
    for (const connection of [this.publisher, this.subscriber]) {
      connection.on("error", (error: Error) => log.warn({ err: error.message }, "redis connection error"));
    }
  }

  /** Connect both connections and subscribe to control messages. */
  static async connect(url: string, log: Logger, prefix = "dw:"): Promise<RedisCluster> {
    const cluster = new RedisCluster(url, prefix, log);
    await Promise.all([cluster.publisher.connect(), cluster.subscriber.connect()]);
    cluster.subscriber.on("messageBuffer", (channel: Buffer, message: Buffer) => cluster.receive(channel.toString(), message));
    await cluster.subscriber.subscribe(cluster.controlChannel);
    let connected = true;
    cluster.subscriber.on("close", () => {
      connected = false;
    });
    cluster.subscriber.on("ready", () => {
      // ioredis subscribes again by itself; what was published meanwhile is lost to us.
      if (connected) return;
      connected = true;
      log.warn("reconnected to redis: catching up from storage");
      cluster.resyncHandler();
    });
    return cluster;
  }

  private documentChannel(documentId: string): string {
    return `${this.prefix}doc:${documentId}`;
  }

  async join(documentId: string, channel: RoomChannel): Promise<void> {
    this.channels.set(documentId, channel);
    await this.subscriber.subscribe(this.documentChannel(documentId));
  }

  leave(documentId: string): void {
    this.channels.delete(documentId);
    this.subscriber.unsubscribe(this.documentChannel(documentId)).catch((error: unknown) => this.log.warn({ err: String(error) }, "redis unsubscribe failed"));
  }

  private publishDocument(documentId: string, kind: DocumentMessage, payload: Uint8Array): void {
    const message = Buffer.allocUnsafe(2 + this.sender.length + payload.byteLength);
    message[0] = kind;
    message[1] = this.sender.length;
    this.sender.copy(message, 2);
    message.set(payload, 2 + this.sender.length);
    this.publisher.publish(this.documentChannel(documentId), message).catch((error: unknown) => this.log.warn({ err: String(error) }, "redis publish failed"));
  }

  publishUpdate(documentId: string, update: Uint8Array): void {
    this.publishDocument(documentId, DocumentMessage.update, update);
  }

  publishAwareness(documentId: string, update: Uint8Array): void {
    this.publishDocument(documentId, DocumentMessage.awareness, update);
  }

  queryPresence(documentId: string): void {
    this.publishDocument(documentId, DocumentMessage.presenceQuery, new Uint8Array(0));
  }

  async control(message: ControlMessage): Promise<void> {
    this.controlHandler(message);
    // Not awaited: while Redis is away the message waits in the offline queue, and nothing
    // here may wait for it (a freeze is enforced by the database; others resync on reconnect).
    this.publisher
      .publish(this.controlChannel, JSON.stringify({ from: this.instanceId, message }))
      .catch((error: unknown) => this.log.warn({ err: String(error), kind: message.kind }, "redis publish failed"));
  }

  onControl(handler: (message: ControlMessage) => void): void {
    this.controlHandler = handler;
  }

  onResync(handler: () => void): void {
    this.resyncHandler = handler;
  }

  private receive(channel: string, message: Buffer): void {
    try {
      if (channel === this.controlChannel) {
        const { from, message: control } = JSON.parse(message.toString("utf8")) as { from: string; message: ControlMessage };
        if (from !== this.instanceId) this.controlHandler(control);
        return;
      }
      const documentId = channel.slice(this.documentChannel("").length);
      const room = this.channels.get(documentId);
      if (!room || message.length < 2) return;
      const senderLength = message[1]!;
      if (message.subarray(2, 2 + senderLength).equals(this.sender)) return;
      const payload = new Uint8Array(message.buffer, message.byteOffset + 2 + senderLength, message.length - 2 - senderLength);
      if (message[0] === DocumentMessage.update) room.onUpdate(payload);
      else if (message[0] === DocumentMessage.awareness) room.onAwareness(payload);
      else if (message[0] === DocumentMessage.presenceQuery) room.onPresenceQuery();
    } catch (error) {
      this.log.error({ channel, err: String(error) }, "cluster message could not be handled");
    }
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    await this.publisher.quit().catch(() => this.publisher.disconnect());
  }
}

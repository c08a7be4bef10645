import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * What one node tells the others about a board it serves: an update it stored, an awareness
 * change of one of its sockets, or client ids it bound to a participant (stored before the first
 * update under them, and sent before it).
 */
export type RelayMessage =
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'bind'; participantId: string; clientIds: number[] }
  /** The sender could not pass some messages on: read the board again from the store. */
  | { kind: 'resync' };

const KIND = { update: 0, awareness: 1, bind: 2, resync: 3 } as const;

/** One message on the wire: the sending node and when it sent it (ms), then the message. */
export function encodeRelayMessage(nodeId: string, message: RelayMessage, sentAt: number = Date.now()): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, nodeId);
  encoding.writeFloat64(e, sentAt);
  encoding.writeVarUint(e, KIND[message.kind]);
  if (message.kind === 'bind') {
    encoding.writeVarString(e, message.participantId);
    encoding.writeVarUint(e, message.clientIds.length);
    for (const id of message.clientIds) encoding.writeVarUint(e, id);
  } else if (message.kind !== 'resync') {
    encoding.writeVarUint8Array(e, message.update);
  }
  return encoding.toUint8Array(e);
}

/** The sender and message, or null for bytes that are not one (never thrown: it comes off a socket). */
export function decodeRelayMessage(bytes: Uint8Array): { nodeId: string; sentAt: number; message: RelayMessage } | null {
  try {
    const d = decoding.createDecoder(bytes);
    const nodeId = decoding.readVarString(d);
    const sentAt = decoding.readFloat64(d);
    if (!Number.isFinite(sentAt)) return null;
    const kind = decoding.readVarUint(d);
    let message: RelayMessage;
    if (kind === KIND.bind) {
      const participantId = decoding.readVarString(d);
      const n = decoding.readVarUint(d);
      if (n > 10_000) return null;
      const clientIds: number[] = [];
      for (let i = 0; i < n; i++) {
        const id = decoding.readVarUint(d);
        if (id > 0xffff_ffff) return null;
        clientIds.push(id);
      }
      message = { kind: 'bind', participantId, clientIds };
    } else if (kind === KIND.resync) {
      message = { kind: 'resync' };
    } else if (kind === KIND.update || kind === KIND.awareness) {
      message = { kind: kind === KIND.update ? 'update' : 'awareness', update: decoding.readVarUint8Array(d) };
    } else {
      return null;
    }
    if (decoding.hasContent(d)) return null;
    return { nodeId, sentAt, message };
  } catch {
    return null;
  }
}

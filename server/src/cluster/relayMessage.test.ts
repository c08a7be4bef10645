import { describe, expect, it } from 'vitest';
import { decodeRelayMessage, encodeRelayMessage, type RelayMessage } from './relayMessage.js';

describe('relay messages', () => {
  it.each<RelayMessage>([
    { kind: 'update', update: new Uint8Array([1, 2, 3]) },
    { kind: 'awareness', update: new Uint8Array([9]) },
    { kind: 'bind', participantId: 'p-1', clientIds: [0, 7, 0xffff_ffff] },
    { kind: 'resync' },
  ])('come back as they were sent, with their node (%o)', (message) => {
    expect(decodeRelayMessage(encodeRelayMessage('node-a', message, 1_700_000_000_123))).toEqual({ nodeId: 'node-a', sentAt: 1_700_000_000_123, message });
  });

  it('are refused, not thrown, when they are not one', () => {
    expect(decodeRelayMessage(new Uint8Array([]))).toBeNull();
    expect(decodeRelayMessage(new Uint8Array([1, 65, 9]))).toBeNull();
    const good = encodeRelayMessage('n', { kind: 'update', update: new Uint8Array([1]) });
    expect(decodeRelayMessage(new Uint8Array([...good, 0]))).toBeNull();
    expect(decodeRelayMessage(good.slice(0, good.length - 1))).toBeNull();
  });
});

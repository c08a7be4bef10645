import { describe, expect, it } from 'vitest';
import { connectErrorDataSchema, presenceEventSchema, socketAuthSchema } from './socket.js';
import { PROTOCOL_VERSION } from './limits.js';

describe('socket schemas', () => {
  it('needs a token and the current protocol version in the handshake', () => {
    expect(socketAuthSchema.safeParse({ token: 't', protocolVersion: PROTOCOL_VERSION }).success).toBe(true);
    expect(socketAuthSchema.safeParse({ token: 't', protocolVersion: PROTOCOL_VERSION + 1 }).success).toBe(false);
    expect(socketAuthSchema.safeParse({ protocolVersion: PROTOCOL_VERSION }).success).toBe(false);
    expect(socketAuthSchema.safeParse({ token: '', protocolVersion: PROTOCOL_VERSION }).success).toBe(false);
    expect(socketAuthSchema.safeParse({ token: 7, protocolVersion: PROTOCOL_VERSION }).success).toBe(false);
  });

  it('describes presence with an online flag per participant', () => {
    const ok = { participants: [{ participantId: 'p', name: 'Amara', role: 'participant', color: '#1F6FEB', online: true }] };
    expect(presenceEventSchema.safeParse(ok).success).toBe(true);
    const noOnline = { participants: [{ participantId: 'p', name: 'Amara', role: 'participant', color: '#1F6FEB' }] };
    expect(presenceEventSchema.safeParse(noOnline).success).toBe(false);
  });

  it('names a declared code on a connect error', () => {
    expect(connectErrorDataSchema.safeParse({ code: 'protocol_mismatch', message: 'Reload the page.' }).success).toBe(true);
    expect(connectErrorDataSchema.safeParse({ code: 'teapot', message: 'x' }).success).toBe(false);
  });
});

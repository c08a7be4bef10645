import { describe, expect, it } from 'vitest';
import { BOARD_SUBPROTOCOL, boardSubprotocols, tokenFromSubprotocols } from './boardAuth.js';

describe('board subprotocols', () => {
  it('carries a token the server reads back, and only with the protocol name', () => {
    const token = 'aB3_-x'.repeat(7);
    expect(tokenFromSubprotocols(boardSubprotocols(token).join(', '))).toBe(token);
    expect(tokenFromSubprotocols(`balcony.token.${token}`)).toBeNull();
    expect(tokenFromSubprotocols(BOARD_SUBPROTOCOL)).toBeNull();
    expect(tokenFromSubprotocols(undefined)).toBeNull();
  });

  it('refuses a token with characters a token never has', () => {
    expect(tokenFromSubprotocols(`${BOARD_SUBPROTOCOL}, balcony.token.a/b`)).toBeNull();
  });
});

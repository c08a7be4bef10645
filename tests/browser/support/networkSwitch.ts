import type { BrowserContext, WebSocketRoute } from 'playwright-core';

interface RoutedSocket {
  page: WebSocketRoute;
  server: WebSocketRoute;
  cut: boolean;
}

/**
 * Takes one person's browser off the network and back, the way a dropped connection does.
 *
 * `BrowserContext.setOffline(true)` alone does not close anything in Debian's Chromium (checked
 * with 156): it fires the page's `offline` event and fails new requests and new WebSockets, but an
 * open WebSocket stays OPEN with its frames held in both directions, and setOffline(false) then
 * delivers them all. The board would never lose its socket, so reconnecting and resyncing would go
 * untested. So every WebSocket of the context is routed through Playwright from the start;
 * going offline closes both ends of each one (the page sees 1006, as after a dropped network) and
 * refuses new ones until the switch is back on. setOffline is applied as well, so HTTP fails too
 * and the page gets its `offline` and `online` events.
 */
export class NetworkSwitch {
  private offline = false;
  private readonly open = new Set<RoutedSocket>();
  /** How many connections `goOffline` cut, so a test can check it cut the board's. */
  cutCount = 0;
  /** Connections opened since the last `goOnline`: the page's reconnects. */
  openedSinceOnline = 0;

  private constructor(private readonly context: BrowserContext) {}

  /** Must run before the context opens any page, because only sockets created later are routed. */
  static async install(context: BrowserContext): Promise<NetworkSwitch> {
    const sw = new NetworkSwitch(context);
    await context.routeWebSocket(/.*/, (ws) => sw.route(ws));
    return sw;
  }

  private route(ws: WebSocketRoute): void {
    if (this.offline) {
      void ws.close({ code: 1006, reason: 'network down' });
      return;
    }
    this.openedSinceOnline++;
    const server = ws.connectToServer();
    const pair: RoutedSocket = { page: ws, server, cut: false };
    this.open.add(pair);
    // Setting onClose turns off Playwright's own forwarding, so each side passes the close on.
    ws.onClose((code, reason) => {
      this.open.delete(pair);
      // A real WebSocket may only be closed with 1000 or an application code.
      const sendable = code === 1000 || (code !== undefined && code >= 3000 && code <= 4999);
      if (!pair.cut) void server.close(sendable ? { code, reason } : {}).catch(() => {});
    });
    server.onClose((code, reason) => {
      this.open.delete(pair);
      if (!pair.cut) void ws.close({ code, reason }).catch(() => {});
    });
  }

  async goOffline(): Promise<void> {
    this.offline = true;
    await this.context.setOffline(true);
    const pairs = [...this.open];
    this.open.clear();
    this.cutCount = pairs.length;
    await Promise.all(
      pairs.map(async (pair) => {
        pair.cut = true;
        await pair.server.close().catch(() => {});
        await pair.page.close({ code: 1006, reason: 'network down' }).catch(() => {});
      }),
    );
  }

  async goOnline(): Promise<void> {
    this.offline = false;
    this.openedSinceOnline = 0;
    await this.context.setOffline(false);
  }
}

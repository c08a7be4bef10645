import { useViewFrame } from '../../board/BoardContext';
import { useUi } from '../../state/ui';

/**
 * On a phone the board is wider than the screen, so this walks the frame in view one zone at a time: the zone in
 * play by name, with the zones before and after it a press away. Going to a zone brings it into
 * view and gives it focus, so that a new note goes there. Shown on narrow screens only (board.css).
 */
export function ZoneStepper() {
  const frame = useViewFrame();
  const activeZoneId = useUi((s) => s.activeZoneId);
  const zones = frame.zones;
  const index = Math.max(
    0,
    zones.findIndex((z) => z.id === activeZoneId),
  );
  const zone = zones[index]!;

  const go = (to: number) => {
    const next = zones[(to + zones.length) % zones.length]!;
    useUi.getState().setActiveZone(next.id);
    const el = document.querySelector<HTMLElement>(`[data-testid="board.zone"][data-zone-id="${CSS.escape(next.id)}"]`);
    // The name is where a zone starts to read; the zone's own box can be far wider than the screen.
    el?.querySelector('[data-testid="board.zone.label"]')?.scrollIntoView({ block: 'center', inline: 'center' });
    el?.focus({ preventScroll: true });
  };

  return (
    <nav className="zone-stepper" aria-label="Zones" data-testid="board.zoneStepper">
      <button type="button" className="button" data-testid="board.zoneStepper.previous" onClick={() => go(index - 1)}>
        <span aria-hidden="true">‹ </span>Previous<span className="visually-hidden"> zone</span>
      </button>
      <p className="zone-stepper-name" aria-live="polite" data-testid="board.zoneStepper.name">
        {zone.label}
        <span className="visually-hidden">
          , zone {index + 1} of {zones.length}
        </span>
      </p>
      <button type="button" className="button" data-testid="board.zoneStepper.next" onClick={() => go(index + 1)}>
        Next<span className="visually-hidden"> zone</span>
        <span aria-hidden="true"> ›</span>
      </button>
    </nav>
  );
}

import { scaleTicks, type ScaleTrack } from '../../board/scale';

/**
 * A scale's line, its ticks and their numbers, drawn in the zone's SVG. For the eye only: the
 * zone's description says what the two ends mean, and each marker says its value.
 */
export function ScaleMarks({ track }: { track: ScaleTrack }) {
  const ticks = scaleTicks(track);
  return (
    <g className="scale-marks">
      <line className="scale-line" x1={track.x0} y1={track.y} x2={track.x1} y2={track.y} />
      {ticks.map((t) => (
        <g key={t.value}>
          <line className="scale-tick" x1={t.x} y1={track.y - 14} x2={t.x} y2={track.y} />
          <text className="scale-number" x={t.x} y={track.y + 8} textAnchor="middle" dominantBaseline="hanging">
            {t.value}
          </text>
        </g>
      ))}
    </g>
  );
}

/** What the ends of a scale mean, for the zone's description. */
export function scaleDescription(track: ScaleTrack): string {
  const { from, to, fromLabel, toLabel } = track.scale;
  return `A scale from ${from} to ${to}: ${from} means ${lower(fromLabel)}, ${to} means ${lower(toLabel)}. Where a note sits from left to right is its value.`;
}

const lower = (s: string) => (s.length > 1 && s[1] === s[1]!.toLowerCase() ? s[0]!.toLowerCase() + s.slice(1) : s);

import { describeTracePath, type Hop, type TracePath } from '../../core/runtime';
import { wrapLabel } from './wrap-label';

const BOX_WIDTH = 300;
/** Room for the title and five lines of details (a long host takes two). */
const DETAIL_LINES = 5;
const BOX_HEIGHT = 112;
const GAP = 44;
const LINE = 15;
/** Below the boxes, where the sampler's line runs to its box at the end of a one-row diagram. */
const LANE = 22;
const MAX_CHARS = 40;
const MARKS: Record<Hop['status'], string> = { ok: '✓', broken: '✗', unknown: '?' };

function detailLines(hop: Hop): string[] {
  const lines = hop.details.filter((detail) => detail !== '').flatMap((detail) => wrapLabel(detail, MAX_CHARS, 2));
  if (lines.length <= DETAIL_LINES) return lines;
  // The rest is in the box's tooltip and in the text version.
  return [...lines.slice(0, DETAIL_LINES - 1), `${lines[DETAIL_LINES - 1]!.slice(0, MAX_CHARS - 1)}…`];
}

function HopBox({ hop, x, y, checked }: { hop: Hop; x: number; y: number; checked: boolean }) {
  const state = checked ? hop.status : 'unchecked';
  return (
    <g
      className={`hop ${state}${hop.incomplete ? ' incomplete' : ''}`}
      data-hop={hop.id}
      data-status={state}
      data-incomplete={hop.incomplete ? 'true' : undefined}
    >
      <title>{`${hop.title}: ${hop.details.join(', ')}`}</title>
      <rect x={x} y={y} width={BOX_WIDTH} height={BOX_HEIGHT} rx={8} />
      <text x={x + 10} y={y + 20} className="hop-title">
        {hop.title}
      </text>
      {checked && (
        <text x={x + BOX_WIDTH - 12} y={y + 21} className="hop-mark" textAnchor="end">
          {MARKS[hop.status]}
        </text>
      )}
      {detailLines(hop).map((line, index) => (
        <text key={index} x={x + 10} y={y + 40 + index * LINE} className="hop-detail">
          {line}
        </text>
      ))}
    </g>
  );
}

function Arrow({ x1, y1, x2, y2, status }: { x1: number; y1: number; x2: number; y2: number; status: Hop['status'] }) {
  return <line x1={x1} y1={y1} x2={x2} y2={y2} className={`hop-arrow ${status}`} markerEnd="url(#hop-arrowhead)" />;
}

/**
 * The path spans take, drawn by the app (no library); the same information follows as text.
 * Unchecked (steps 2–5), every hop is drawn neutral: only the Verify step knows what works.
 */
export function TracePathDiagram({ path, checked = true }: { path: TracePath; checked?: boolean }) {
  const count = path.spans.length;
  // Unchecked, the diagram sits above a step's fields: one row, the sampler at its end, so it stays short.
  const oneRow = !checked;
  const samplerX = oneRow ? count * (BOX_WIDTH + GAP) : BOX_WIDTH + GAP;
  const samplerY = oneRow ? 0 : BOX_HEIGHT + GAP;
  const columns = oneRow && path.sampler ? count + 1 : count;
  const width = columns * BOX_WIDTH + (columns - 1) * GAP + 2;
  const height = !path.sampler ? BOX_HEIGHT + 2 : oneRow ? BOX_HEIGHT + LANE + 4 : BOX_HEIGHT * 2 + GAP + 2;
  const text = describeTracePath(path);
  return (
    <figure className={checked ? 'trace-path' : 'trace-path unchecked'} aria-label="Where spans go">
      <svg viewBox={`-1 -1 ${width} ${height}`} aria-hidden="true" focusable="false">
        <defs>
          <marker
            id="hop-arrowhead"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" />
          </marker>
        </defs>
        {path.spans.map((hop, index) => {
          const x = index * (BOX_WIDTH + GAP);
          return (
            <g key={hop.id}>
              {index > 0 && (
                <Arrow
                  x1={x - GAP}
                  y1={BOX_HEIGHT / 2}
                  x2={x - 2}
                  y2={BOX_HEIGHT / 2}
                  status={checked ? hop.status : 'unknown'}
                />
              )}
              <HopBox hop={hop} x={x} y={0} checked={checked} />
            </g>
          );
        })}
        {path.sampler && oneRow && (
          <g>
            <path
              d={`M${BOX_WIDTH / 2},${BOX_HEIGHT} V${BOX_HEIGHT + LANE} H${samplerX + BOX_WIDTH / 2} V${BOX_HEIGHT + 3}`}
              className="hop-arrow sampler-lane"
              fill="none"
              markerEnd="url(#hop-arrowhead)"
            />
            <HopBox hop={path.sampler} x={samplerX} y={samplerY} checked={checked} />
          </g>
        )}
        {path.sampler && !oneRow && (
          <g>
            <Arrow
              x1={BOX_WIDTH / 2}
              y1={BOX_HEIGHT}
              x2={BOX_WIDTH + GAP - 4}
              y2={BOX_HEIGHT + GAP + BOX_HEIGHT / 2}
              status={checked ? path.sampler.status : 'unknown'}
            />
            <HopBox hop={path.sampler} x={samplerX} y={samplerY} checked={checked} />
          </g>
        )}
      </svg>
      <figcaption>
        <span className="hint">
          {checked
            ? 'Where spans go, and where the sampler asks for its rate (✓ works, ✗ broken, ? not checked yet).'
            : 'Where spans will go with this configuration, and where the sampler asks for its rate. Step 6 checks each hop against what your cluster prints.'}
        </span>
        {!checked && path.missing && path.missing.length > 0 && (
          <span className="trace-path-missing" aria-hidden="true">
            {' '}
            Not known yet: {path.missing.join(', ')}.
          </span>
        )}
        <ol className="trace-path-text visually-hidden" aria-label="Path of the spans">
          {text.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      </figcaption>
    </figure>
  );
}

import { describeTracePath, type Hop, type TracePath } from '../../core/runtime';

const BOX_WIDTH = 300;
const BOX_HEIGHT = 92;
const GAP = 44;
const LINE = 15;
const MAX_CHARS = 40;
const MARKS: Record<Hop['status'], string> = { ok: '✓', broken: '✗', unknown: '?' };

function clip(text: string): string {
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text;
}

function HopBox({ hop, x, y }: { hop: Hop; x: number; y: number }) {
  return (
    <g className={`hop ${hop.status}`} data-hop={hop.id} data-status={hop.status}>
      <title>{`${hop.title}: ${hop.details.join(', ')}`}</title>
      <rect x={x} y={y} width={BOX_WIDTH} height={BOX_HEIGHT} rx={8} />
      <text x={x + 10} y={y + 20} className="hop-title">
        {hop.title}
      </text>
      <text x={x + BOX_WIDTH - 12} y={y + 21} className="hop-mark" textAnchor="end">
        {MARKS[hop.status]}
      </text>
      {hop.details.slice(0, 3).map((detail, index) => (
        <text key={detail} x={x + 10} y={y + 40 + index * LINE} className="hop-detail">
          {clip(detail)}
        </text>
      ))}
    </g>
  );
}

function Arrow({ x1, y1, x2, y2, status }: { x1: number; y1: number; x2: number; y2: number; status: Hop['status'] }) {
  return <line x1={x1} y1={y1} x2={x2} y2={y2} className={`hop-arrow ${status}`} markerEnd="url(#hop-arrowhead)" />;
}

/** The path spans take, drawn by the app (no library); the same information follows as text. */
export function TracePathDiagram({ path }: { path: TracePath }) {
  const count = path.spans.length;
  const width = count * BOX_WIDTH + (count - 1) * GAP + 2;
  const height = path.sampler ? BOX_HEIGHT * 2 + GAP + 2 : BOX_HEIGHT + 2;
  const text = describeTracePath(path);
  return (
    <figure className="trace-path">
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
                <Arrow x1={x - GAP} y1={BOX_HEIGHT / 2} x2={x - 2} y2={BOX_HEIGHT / 2} status={hop.status} />
              )}
              <HopBox hop={hop} x={x} y={0} />
            </g>
          );
        })}
        {path.sampler && (
          <g>
            <Arrow
              x1={BOX_WIDTH / 2}
              y1={BOX_HEIGHT}
              x2={BOX_WIDTH + GAP - 4}
              y2={BOX_HEIGHT + GAP + BOX_HEIGHT / 2}
              status={path.sampler.status}
            />
            <HopBox hop={path.sampler} x={BOX_WIDTH + GAP} y={BOX_HEIGHT + GAP} />
          </g>
        )}
      </svg>
      <figcaption>
        <span className="hint">
          Where spans go, and where the sampler asks for its rate (✓ works, ✗ broken, ? not checked yet).
        </span>
        <ol className="visually-hidden" aria-label="Path of the spans">
          {text.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      </figcaption>
    </figure>
  );
}

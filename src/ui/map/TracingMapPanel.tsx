import { Fragment, useMemo, useState, type ClipboardEvent, type DragEvent } from 'react';
import { describeTextSize, inputSizeProblem, utf8ByteLength, type Model } from '../../core';
import {
  DATA_PLANE_LABELS,
  MAP_COMMANDS,
  STATUS_LABELS,
  type ClusterInput,
  type MapWorkload,
  type TracingMap,
  type WorkloadStatus,
} from '../../core/runtime';
import { CopyButton } from '../components/CopyButton';
import { useTracingMap } from './useTracingMap';
import './map.css';

/*
 * Step 6's tracing map: what the cluster holds in, which workloads send spans to Dynatrace out, and for every one
 * that does not, why and what to do. Everything stays in the page: the outputs are never stored, put in a link or a
 * draft.
 */

const COMMAND_LABELS: Record<keyof typeof MAP_COMMANDS, string> = {
  namespaces: 'Namespaces and their labels',
  pods: 'Pods, one line each (compact: 5,000 pods ≈ 1.2 MB)',
  telemetries: 'Telemetries',
  meshConfigs: 'The mesh config of every revision',
  gateways: 'Gateways and waypoints (optional)',
};

type Filter = 'all' | 'not-sending' | WorkloadStatus;

/** Up to this many workloads, every namespace opens unfolded. */
const SMALL_MAP = 150;
type SortKey = 'workload' | 'status' | 'pods';

const ACCEPT = '.yaml,.yml,.json,.txt,text/plain,text/yaml,application/yaml,application/json';

export function TracingMapPanel({ model }: { model: Model }) {
  const [inputs, setInputs] = useState<ClusterInput[]>([]);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const state = useTracingMap(inputs, model);
  const result = state.status === 'done' ? state : state.status === 'working' ? state.previous : undefined;

  function add(text: string, name: string) {
    const tooLarge = inputSizeProblem(utf8ByteLength(text), 'cluster-output');
    if (tooLarge) {
      setProblem(`${name} was not added. ${tooLarge}`);
      return;
    }
    if (text.trim() === '') return;
    setProblem(undefined);
    setInputs((previous) => [...previous, { name, text }]);
  }

  const nextName = (what: string) => `${what} ${inputs.length + 1}`;

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    // A whole cluster's output never goes into the box (laying out megabytes blocks the page): it is added at once.
    const text = event.clipboardData.getData('text/plain');
    if (draft !== '' || text.length < 2000) return;
    event.preventDefault();
    add(text, nextName('Paste'));
  }

  async function readFiles(files: FileList | null | undefined) {
    for (const file of Array.from(files ?? [])) {
      const tooLarge = inputSizeProblem(file.size, 'cluster-output');
      if (tooLarge) {
        setProblem(`${file.name} was not opened. ${tooLarge}`);
        continue;
      }
      try {
        add(await file.text(), file.name);
      } catch {
        setProblem(`Could not read ${file.name}.`);
      }
    }
  }

  function onDrop(event: DragEvent<HTMLElement>) {
    if (event.dataTransfer.files.length === 0) return;
    event.preventDefault();
    event.stopPropagation();
    void readFiles(event.dataTransfer.files);
  }

  return (
    <section
      className="card tracing-map"
      aria-labelledby="tracing-map-heading"
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
    >
      <h3 id="tracing-map-heading">The tracing map: which workloads send spans</h3>
      <p className="hint">
        Once tracing is on, see it for the whole mesh: run these commands, then paste, drop or open their outputs here
        (several at once is fine). For every workload the map says whether its spans reach Dynatrace, which Telemetry
        decides (by istiod’s own rules for Istio {model.istio.version}), and for each that sends nothing, why and what
        to do. Nothing leaves this page or goes into a link.
      </p>
      <ul className="map-commands">
        {(Object.keys(MAP_COMMANDS) as (keyof typeof MAP_COMMANDS)[]).map((key) => (
          <li key={key}>
            <span>{COMMAND_LABELS[key]}</span>
            <code>{MAP_COMMANDS[key]}</code>
            <CopyButton text={MAP_COMMANDS[key]} what={`the command for ${COMMAND_LABELS[key].toLowerCase()}`} />
          </li>
        ))}
      </ul>
      <label htmlFor="map-input">Cluster outputs for the map</label>
      <textarea
        id="map-input"
        rows={4}
        value={draft}
        placeholder="Paste an output here (a large one is added at once), or drop files on this card"
        onChange={(event) => setDraft(event.target.value)}
        onPaste={onPaste}
      />
      <div className="map-actions">
        <button
          type="button"
          className="button small"
          disabled={draft.trim() === ''}
          onClick={() => {
            add(draft, nextName('Paste'));
            setDraft('');
          }}
        >
          Add to the map
        </button>
        <label className="button small file-button">
          Open files…
          <input
            type="file"
            multiple
            accept={ACCEPT}
            className="visually-hidden"
            onChange={(event) => {
              void readFiles(event.target.files);
              event.target.value = '';
            }}
          />
        </label>
        {inputs.length > 0 && (
          <button type="button" className="button small" onClick={() => setInputs([])}>
            Clear the map
          </button>
        )}
      </div>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      {inputs.length > 0 && (
        <ul className="map-inputs" aria-label="Outputs in the map">
          {inputs.map((input, index) => (
            <li key={`${input.name}-${index}`}>
              {input.name} ({describeTextSize(input.text)})
              <button
                type="button"
                className="link-button"
                aria-label={`Remove ${input.name} from the map`}
                onClick={() => setInputs((previous) => previous.filter((_, i) => i !== index))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="map-status">
        {state.status === 'working' ? 'Drawing the map…' : state.status === 'failed' ? state.message : ''}
      </p>
      {result && <MapView map={result.map} problems={result.problems} />}
    </section>
  );
}

function MapView({ map, problems }: { map: TracingMap; problems: string[] }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [namespace, setNamespace] = useState('all');
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'workload', ascending: true });
  // A large cluster opens with its namespaces folded: a few hundred rows at most are drawn until one is opened or
  // the table is filtered, so the page never stalls drawing thousands of rows.
  const small = map.workloads.length <= SMALL_MAP;
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());

  const statuses = useMemo(
    () => (Object.keys(STATUS_LABELS) as WorkloadStatus[]).filter((status) => (map.summary.counts[status] ?? 0) > 0),
    [map],
  );
  const shown = useMemo(() => {
    const keep = (w: MapWorkload) =>
      (namespace === 'all' || w.namespace === namespace) &&
      (filter === 'all' ||
        (filter === 'not-sending' ? w.status !== 'sends' && w.status !== 'not-in-mesh' : w.status === filter));
    const order = (a: MapWorkload, b: MapWorkload) => {
      const by =
        sort.key === 'pods'
          ? a.pods - b.pods
          : sort.key === 'status'
            ? STATUS_LABELS[a.status].localeCompare(STATUS_LABELS[b.status])
            : a.owner.localeCompare(b.owner);
      return sort.ascending ? by : -by;
    };
    return map.namespaces
      .filter((ns) => namespace === 'all' || ns.name === namespace)
      .map((ns) => ({ ...ns, workloads: ns.workloads.filter(keep).sort(order) }))
      .filter((ns) => ns.workloads.length > 0);
  }, [map, filter, namespace, sort]);

  const shownCount = shown.reduce((sum, ns) => sum + ns.workloads.length, 0);

  const sortButton = (key: SortKey, label: string) => (
    <button
      type="button"
      className="link-button"
      onClick={() => setSort((s) => ({ key, ascending: s.key === key ? !s.ascending : true }))}
    >
      {label}
      {sort.key === key ? (sort.ascending ? ' ▲' : ' ▼') : ''}
    </button>
  );
  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.ascending ? 'ascending' : 'descending') : 'none');

  return (
    <div className="map-view">
      <div className="map-summary" aria-live="polite">
        {map.summary.sentences.map((sentence) => (
          <p key={sentence}>{sentence}</p>
        ))}
        {[...map.caveats, ...problems].map((note) => (
          <p key={note} className="hint">
            {note}
          </p>
        ))}
      </div>
      <ul className="map-tiles" aria-label="Namespaces">
        {map.namespaces.map((ns) => {
          const total = ns.workloads.filter((w) => w.status !== 'not-in-mesh').length;
          const sending = ns.counts.sends ?? 0;
          const tone = total === 0 ? 'none' : sending === total ? 'ok' : sending === 0 ? 'bad' : 'some';
          const text = total === 0 ? 'not in the mesh' : `${sending} of ${total} send spans`;
          return (
            <li key={ns.name}>
              <button
                type="button"
                className={`map-tile ${tone}`}
                aria-pressed={namespace === ns.name}
                onClick={() => setNamespace((current) => (current === ns.name ? 'all' : ns.name))}
              >
                <strong>{ns.name}</strong>
                <span>{text}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <div className="map-filters">
        <label>
          Show
          <select value={filter} onChange={(event) => setFilter(event.target.value as Filter)}>
            <option value="all">All workloads</option>
            <option value="not-sending">Workloads in the mesh that send nothing</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]} ({map.summary.counts[status]})
              </option>
            ))}
          </select>
        </label>
        <label>
          Namespace
          <select value={namespace} onChange={(event) => setNamespace(event.target.value)}>
            <option value="all">All namespaces</option>
            {map.namespaces.map((ns) => (
              <option key={ns.name} value={ns.name}>
                {ns.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="map-table-scroll">
        <table className="map-table">
          <caption className="visually-hidden">Workloads by namespace: status, data plane and the reason</caption>
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort('workload')}>
                {sortButton('workload', 'Workload')}
              </th>
              <th scope="col" aria-sort={ariaSort('pods')}>
                {sortButton('pods', 'Pods')}
              </th>
              <th scope="col" aria-sort={ariaSort('status')}>
                {sortButton('status', 'Spans')}
              </th>
              <th scope="col">Data plane</th>
              <th scope="col">Decided by</th>
              <th scope="col">Why, and the fix</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((ns) => {
              const openByDefault = small || namespace === ns.name || (filter !== 'all' && shownCount <= SMALL_MAP);
              const open = openByDefault !== toggled.has(ns.name);
              return (
                <Fragment key={ns.name}>
                  <tr className="map-namespace-row">
                    <th scope="rowgroup" colSpan={6}>
                      <button
                        type="button"
                        className="link-button"
                        aria-expanded={open}
                        onClick={() =>
                          setToggled((current) => {
                            const next = new Set(current);
                            if (next.has(ns.name)) next.delete(ns.name);
                            else next.add(ns.name);
                            return next;
                          })
                        }
                      >
                        {open ? '▾' : '▸'} {ns.name}
                      </button>{' '}
                      <span className="hint">
                        {ns.dataPlane}; {ns.workloads.length} {ns.workloads.length === 1 ? 'workload' : 'workloads'}
                      </span>
                    </th>
                  </tr>
                  {open &&
                    ns.workloads.map((w) => (
                      <tr key={`${w.namespace}/${w.owner}`} className={`map-row ${w.status}`}>
                        <th scope="row">{w.owner}</th>
                        <td>{w.pods}</td>
                        <td>
                          <span className={`map-status-badge ${w.status}`}>
                            {w.status === 'sends' ? '✓ ' : w.status === 'not-in-mesh' ? '' : '✗ '}
                            {STATUS_LABELS[w.status]}
                          </span>
                          {w.provider && <div className="hint">provider {w.provider}</div>}
                          {w.sampling !== undefined && <div className="hint">sampling {w.sampling} %</div>}
                        </td>
                        <td>
                          {DATA_PLANE_LABELS[w.dataPlane]}
                          {w.revision && w.revision !== 'default' && <div className="hint">revision {w.revision}</div>}
                        </td>
                        <td>{w.chain.length > 0 ? w.chain.join(' → ') : '—'}</td>
                        <td>
                          {w.status !== 'sends' && <p>{w.reason}</p>}
                          {w.fix && (
                            <p>
                              <strong>Fix:</strong> {w.fix}
                            </p>
                          )}
                          {w.notes.map((note) => (
                            <p key={note} className="hint">
                              {note}
                            </p>
                          ))}
                        </td>
                      </tr>
                    ))}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {shown.length === 0 && <p>No workload matches these filters.</p>}
    </div>
  );
}

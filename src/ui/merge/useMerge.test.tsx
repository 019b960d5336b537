import { readFileSync } from 'node:fs';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withDefaults, type Model } from '../../core';
import { mergeIntoExistingMeshConfig, validateModel } from '../../core/runtime';
import { renderHook } from '../testing/render-hook';
import type { MergeRequest, MergeResponse } from './merge.worker';
import { MERGE_DEADLINE_MS, useMerge, type MergeState } from './useMerge';

/*
 * The worker is replaced by one the test answers by hand, in any order, with the real merge's outcome: that is
 * how a slow answer to an old paste can arrive after the answer to the new one.
 */
class ManualWorker {
  static created: ManualWorker[] = [];
  onmessage: ((event: { data: MergeResponse }) => void) | null = null;
  listeners = new Set<(event: { data: MergeResponse }) => void>();
  requests: MergeRequest[] = [];
  terminated = false;
  constructor() {
    ManualWorker.created.push(this);
  }
  postMessage(request: MergeRequest) {
    this.requests.push(request);
  }
  addEventListener(_type: 'message', listener: (event: { data: MergeResponse }) => void) {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'message', listener: (event: { data: MergeResponse }) => void) {
    this.listeners.delete(listener);
  }
  terminate() {
    this.terminated = true;
  }
  answer(request: MergeRequest) {
    const event = { data: { id: request.id, outcome: mergeIntoExistingMeshConfig(request.text, request.model) } };
    act(() => {
      this.onmessage?.(event);
      for (const listener of [...this.listeners]) listener(event);
    });
  }
}

const validated = validateModel(withDefaults({ dynatrace: { environmentId: 'abc12345', clusterId: '-1743916452' } }));
if (!validated.ok) throw new Error('fixture is invalid');
const model: Model = validated.model;
const ISTIO_OPERATOR = readFileSync('src/core/merge/__fixtures__/istio-operator.yaml', 'utf8');
const HELM = readFileSync('src/core/merge/__fixtures__/helm-values.yaml', 'utf8');

interface Props {
  text: string;
  model: Model | undefined;
}
const render = (text: string) =>
  renderHook<Props, MergeState>(({ text, model }) => useMerge(text, model), { text, model });
const settle = () =>
  act(() => {
    vi.advanceTimersByTime(1000);
  });
const worker = () => ManualWorker.created[0]!;

beforeEach(() => {
  ManualWorker.created = [];
  vi.useFakeTimers();
  vi.stubGlobal('Worker', ManualWorker);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('useMerge', () => {
  it('stays idle, without starting a worker, while nothing is pasted', () => {
    const hook = render('   \n');
    settle();
    expect(hook.current).toEqual({ status: 'idle' });
    expect(ManualWorker.created).toEqual([]);
    hook.unmount();
  });

  it('merges the pasted text in the worker and shows its outcome', () => {
    const hook = render(ISTIO_OPERATOR);
    settle();
    expect(hook.current).toEqual({ status: 'working' });
    expect(worker().requests.map((request) => request.text)).toEqual([ISTIO_OPERATOR]);
    worker().answer(worker().requests[0]!);
    expect(hook.current).toEqual({ status: 'done', outcome: mergeIntoExistingMeshConfig(ISTIO_OPERATOR, model) });
    hook.unmount();
    expect(worker().terminated).toBe(true);
  });

  it('sends only what the text became when typing pauses', () => {
    const hook = render('meshConfig:');
    hook.rerender({ text: 'meshConfig:\n  a: 1', model });
    hook.rerender({ text: HELM, model });
    settle();
    expect(worker().requests.map((request) => request.text)).toEqual([HELM]);
    hook.unmount();
  });

  it('shows only the answer to the latest text, whatever order the answers arrive in', () => {
    const hook = render(ISTIO_OPERATOR);
    settle();
    hook.rerender({ text: HELM, model });
    settle();
    const [old, latest] = worker().requests;
    expect([old?.text, latest?.text]).toEqual([ISTIO_OPERATOR, HELM]);

    worker().answer(old!);
    expect(hook.current.status).not.toBe('done');
    worker().answer(latest!);
    const helmOutcome = { status: 'done', outcome: mergeIntoExistingMeshConfig(HELM, model) };
    expect(hook.current).toEqual(helmOutcome);
    worker().answer(old!);
    expect(hook.current).toEqual(helmOutcome);
    hook.unmount();
  });

  it('ignores a late answer once the paste is cleared, or when there is no configuration to merge', () => {
    const hook = render(ISTIO_OPERATOR);
    settle();
    hook.rerender({ text: '', model });
    worker().answer(worker().requests[0]!);
    expect(hook.current).toEqual({ status: 'idle' });

    hook.rerender({ text: HELM, model });
    settle();
    hook.rerender({ text: HELM, model: undefined });
    worker().answer(worker().requests[1]!);
    expect(hook.current).toEqual({ status: 'idle' });
    hook.unmount();
  });

  it('replaces a worker that does not answer by the deadline, says so, and merges the next paste in a fresh one', () => {
    const hook = render(ISTIO_OPERATOR);
    settle();
    act(() => {
      vi.advanceTimersByTime(MERGE_DEADLINE_MS);
    });
    expect(hook.current).toMatchObject({ status: 'done', outcome: { ok: false, problem: { code: 'TOO_SLOW' } } });
    expect(worker().terminated).toBe(true);

    hook.rerender({ text: HELM, model });
    settle();
    const fresh = ManualWorker.created[1]!;
    fresh.answer(fresh.requests[0]!);
    expect(hook.current).toMatchObject({ status: 'done', outcome: { ok: true, format: 'helm' } });
    hook.unmount();
  });

  it('keeps an answer that arrives in time, and the deadline then does nothing', () => {
    const hook = render(HELM);
    settle();
    worker().answer(worker().requests[0]!);
    act(() => {
      vi.advanceTimersByTime(MERGE_DEADLINE_MS * 2);
    });
    expect(hook.current).toMatchObject({ status: 'done', outcome: { ok: true } });
    expect(worker().terminated).toBe(false);
    hook.unmount();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { defaultModel } from '../../core';
import { clearDraft, loadDraft, sameValues, saveDraft } from './draft';

afterEach(() => clearDraft());

describe('the draft', () => {
  it('remembers that meshconfig.yaml was merged, without the paste itself', () => {
    const values = { ...defaultModel, mode: 'standalone' as const };
    saveDraft(values, 'mesh-config', true);
    expect(loadDraft()).toMatchObject({ step: 'mesh-config', mergedWithPaste: true });
    const stored = JSON.parse(window.localStorage.getItem('istio-dynatrace-otel-wizard:draft:v1')!) as object;
    expect(Object.keys(stored)).toEqual(['values', 'step', 'mergedWithPaste']);
  });

  it('says nothing of a merge when there was none', () => {
    saveDraft({ ...defaultModel, mode: 'standalone' }, 'mesh-config');
    expect(loadDraft()).not.toHaveProperty('mergedWithPaste');
  });

  it('keeps the defaults on the first step when a merge is to be remembered, and only then', () => {
    saveDraft(defaultModel, 'requirements');
    expect(loadDraft()).toBeUndefined();
    saveDraft(defaultModel, 'requirements', true);
    expect(loadDraft()).toMatchObject({ step: 'requirements', mergedWithPaste: true });
  });

  it('compares configurations whatever their key order, the token aside', () => {
    const reordered = Object.fromEntries(Object.entries(defaultModel).reverse()) as typeof defaultModel;
    expect(sameValues(defaultModel, reordered)).toBe(true);
    expect(sameValues(defaultModel, { ...defaultModel, token: { ...defaultModel.token, value: 'x' } })).toBe(true);
    expect(sameValues(defaultModel, { ...defaultModel, mode: 'standalone' })).toBe(false);
  });
});

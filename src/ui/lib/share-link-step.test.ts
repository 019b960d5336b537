import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { WIZARD_STEPS, defaultModel, encodeShareFragment, stepIndex, withDefaults } from '../../core';
import { FIRST_PREVIEW_STEP_INDEX, stepIndexOfShareFragment } from './share-link-step';

const values = withDefaults({ dynatrace: { environmentId: 'abc12345', clusterId: '7' } }, defaultModel);
const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

describe('the boot script’s reading of a share link’s step', () => {
  it('reads the step of every link the wizard makes', async () => {
    for (const step of WIZARD_STEPS) {
      expect(await stepIndexOfShareFragment(`#${encodeShareFragment(values, step)}`)).toBe(stepIndex(step));
    }
  });

  it('knows the first step with previews by the core’s list', () => {
    expect(FIRST_PREVIEW_STEP_INDEX).toBe(stepIndex('mesh-config'));
  });

  it('gives no hint for anything else: no link, damage, another format, a bomb', async () => {
    expect(await stepIndexOfShareFragment('')).toBeUndefined();
    expect(await stepIndexOfShareFragment('#other')).toBeUndefined();
    expect(await stepIndexOfShareFragment('#s=2.AAAA')).toBeUndefined();
    expect(await stepIndexOfShareFragment('#s=1.not*base64')).toBeUndefined();
    const link = `#${encodeShareFragment(values, 'telemetry')}`;
    expect(await stepIndexOfShareFragment(link.slice(0, link.length - 6))).toBeUndefined();
    const bomb = `#s=1.${base64url(deflateSync(strToU8(`{"s":3,"x":"${' '.repeat(200_000)}"}`)))}`;
    expect(bomb.length).toBeLessThan(8192);
    expect(await stepIndexOfShareFragment(bomb)).toBeUndefined();
  });
});

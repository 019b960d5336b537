import { describe, expect, it } from 'vitest';
import { istiodRulesFor } from './istiod-version';
import {
  compareTelemetries,
  creationTime,
  orderIsGuessed,
  sortTelemetries,
  type OrderedTelemetry,
} from './telemetry-order';

/*
 * istiod's order of Telemetries (istio/istio pilot/pkg/model/config.go): oldest creationTimestamp first; ties on
 * 1.22.0 by the string `name + "." + namespace` (sortByCreationComparator), from 1.23.0 by name, then namespace
 * (sortConfigByCreationTime, cmp.Compare). A Telemetry without a timestamp sorts as Go's zero time: first.
 * Every ordering is checked from both input orders, so a comparator that answers the same whatever it is asked
 * cannot pass by luck of the sort's first comparison.
 */

const R122 = istiodRulesFor('1.22.0');
const R123 = istiodRulesFor('1.23.0');
const t = (name: string, namespace: string, creationTimestamp?: string): OrderedTelemetry => ({
  name,
  namespace,
  ...(creationTimestamp === undefined ? {} : { creationTimestamp }),
});
const ids = (list: OrderedTelemetry[]) => list.map((x) => `${x.namespace}/${x.name}`);
const sortedBoth = (list: OrderedTelemetry[], rules = R123) => {
  const forward = ids(sortTelemetries(list, rules));
  const backward = ids(sortTelemetries([...list].reverse(), rules));
  expect(backward).toEqual(forward);
  return forward;
};

describe('creationTime', () => {
  it('reads an RFC 3339 time, padded or not', () => {
    expect(creationTime(t('a', 'n', '2024-01-02T03:04:05Z'))).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(creationTime(t('a', 'n', '  2024-01-02T03:04:05Z\n'))).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
  });

  it('is undefined without a readable time: absent, empty, blank or not a date', () => {
    for (const text of [undefined, '', '   ', 'yesterday'])
      expect(creationTime(t('a', 'n', text)), String(text)).toBeUndefined();
  });
});

describe('compareTelemetries', () => {
  it('puts the older first and the newer last, whatever the names', () => {
    const old = t('z', 'z', '2024-01-01T00:00:00Z');
    const young = t('a', 'a', '2024-01-01T00:00:01Z');
    expect(compareTelemetries(old, young, R123)).toBe(-1);
    expect(compareTelemetries(young, old, R123)).toBe(1);
    expect(sortedBoth([young, old])).toEqual(['z/z', 'a/a']);
  });

  it('puts an undated Telemetry before every dated one (the zero time)', () => {
    const undated = t('z', 'z');
    const dated = t('a', 'a', '1970-01-01T00:00:00Z');
    expect(compareTelemetries(undated, dated, R123)).toBe(-1);
    expect(compareTelemetries(dated, undated, R123)).toBe(1);
  });

  it('from 1.23.0 breaks a tie by name first: the namespace does not matter then', () => {
    const a = t('a', 'zz', '2024-01-01T00:00:00Z');
    const b = t('b', 'aa', '2024-01-01T00:00:00Z');
    expect(compareTelemetries(a, b, R123)).toBe(-1);
    expect(compareTelemetries(b, a, R123)).toBe(1);
    expect(sortedBoth([b, a])).toEqual(['zz/a', 'aa/b']);
  });

  it('from 1.23.0 breaks a tie of equal names by namespace', () => {
    const x = t('default', 'apps');
    const y = t('default', 'shop');
    expect(compareTelemetries(x, y, R123)).toBe(-1);
    expect(compareTelemetries(y, x, R123)).toBe(1);
    expect(sortedBoth([y, x])).toEqual(['apps/default', 'shop/default']);
    // The same Telemetry compares equal.
    expect(compareTelemetries(x, { ...x }, R123)).toBe(0);
  });

  it('on 1.22 compares `name.namespace` as one string, which differs from name-then-namespace', () => {
    // "a-b.x" < "a.y" because '-' (0x2d) < '.' (0x2e); by name alone "a" < "a-b".
    const a = t('a', 'y');
    const ab = t('a-b', 'x');
    expect(compareTelemetries(ab, a, R122)).toBe(-1);
    expect(compareTelemetries(a, ab, R122)).toBe(1);
    expect(sortedBoth([a, ab], R122)).toEqual(['x/a-b', 'y/a']);
    expect(sortedBoth([a, ab], R123)).toEqual(['y/a', 'x/a-b']);
    expect(compareTelemetries(a, { ...a }, R122)).toBe(0);
  });

  it('orders several ties and dates together as istiod does', () => {
    const list = [
      t('b', 'ns1', '2024-01-01T00:00:00Z'),
      t('a', 'ns2', '2024-01-01T00:00:00Z'),
      t('a', 'ns1', '2024-01-01T00:00:00Z'),
      t('c', 'ns0'),
      t('a', 'ns0', '2023-12-31T23:59:59Z'),
    ];
    expect(sortedBoth(list)).toEqual(['ns0/c', 'ns0/a', 'ns1/a', 'ns2/a', 'ns1/b']);
  });

  it('does not change the list it is given', () => {
    const list = [t('b', 'n'), t('a', 'n')];
    sortTelemetries(list, R123);
    expect(ids(list)).toEqual(['n/b', 'n/a']);
  });
});

describe('orderIsGuessed', () => {
  it('is true when either Telemetry has no timestamp, false when both have one', () => {
    const dated = t('a', 'n', '2024-01-01T00:00:00Z');
    const undated = t('b', 'n');
    expect(orderIsGuessed(dated, dated)).toBe(false);
    expect(orderIsGuessed(dated, undated)).toBe(true);
    expect(orderIsGuessed(undated, dated)).toBe(true);
    expect(orderIsGuessed(undated, undated)).toBe(true);
  });
});

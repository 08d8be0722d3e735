import { exhibitLabel, exhibitSequence } from './exhibit-labels';

describe('exhibit labels', () => {
  it('runs A..Z, then AA..AZ, BA.., ZZ, AAA', () => {
    expect([1, 2, 26, 27, 28, 52, 53, 702, 703].map(exhibitLabel)).toEqual([
      'A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA',
    ]);
  });

  it('is one-to-one and ordered by sequence for the first thousands of labels', () => {
    const labels = Array.from({ length: 5000 }, (_, i) => exhibitLabel(i + 1));
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.map(exhibitSequence)).toEqual(labels.map((_, i) => i + 1));
  });

  it('rejects sequences that are not positive integers and strings that are not labels', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => exhibitLabel(bad)).toThrow(RangeError);
    for (const bad of ['', 'a', 'A1', 'Ä', 'A B']) expect(exhibitSequence(bad)).toBeUndefined();
  });
});

import { assertChannelFitsVersion, parseChannel, parsePercent, parseVersion } from './release-input';

describe('release input', () => {
  it('accepts strict semver only', () => {
    expect(parseVersion('1.0.1')).toBe('1.0.1');
    expect(parseVersion('1.1.0-beta.1')).toBe('1.1.0-beta.1');
    for (const bad of ['v1.0.1', '1.0', '1', 'latest', ' 1.0.1', '1.0.1 ', '01.0.1']) {
      expect(() => parseVersion(bad)).toThrow(/is not semver/);
    }
    expect(() => parseVersion(undefined)).toThrow(/--version is required/);
    expect(() => parseVersion('', '--to')).toThrow(/--to is required/);
  });

  it('knows the latest and beta channels and nothing else', () => {
    expect(parseChannel(undefined)).toBe('latest');
    expect(parseChannel('beta')).toBe('beta');
    expect(() => parseChannel('stable')).toThrow('unknown channel "stable" (known: latest, beta)');
  });

  it('takes whole percentages 0..100 and refuses everything else', () => {
    expect(parsePercent('0', '--percent')).toBe(0);
    expect(parsePercent('100', '--percent')).toBe(100);
    for (const bad of ['12.5', '-1', '101', 'ten', '', '1e2', '0x10', undefined]) {
      expect(() => parsePercent(bad, '--percent')).toThrow(/--percent must be a whole number from 0 to 100/);
    }
  });

  it('keeps prereleases off the latest channel', () => {
    expect(() => assertChannelFitsVersion('2.0.0-rc.1', 'latest')).toThrow(/prerelease/);
    expect(() => assertChannelFitsVersion('2.0.0-rc.1', 'beta')).not.toThrow();
    expect(() => assertChannelFitsVersion('2.0.0', 'latest')).not.toThrow();
  });
});

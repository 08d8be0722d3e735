import { findBinary, lookupBinary } from './find-binary';
import { startLocalMonitoring } from './local-monitoring';

describe('finding the Prometheus binaries', () => {
  const path = process.env['PATH'];
  afterEach(() => {
    process.env['PATH'] = path;
  });

  it('finds Debian’s alertmanager under its Debian name', () => {
    expect(lookupBinary('no-such-alertmanager', 'prometheus-alertmanager')).toMatch(/\/prometheus-alertmanager$/);
  });

  it('says how to install a missing binary', () => {
    process.env['PATH'] = '/nonexistent';
    expect(() => findBinary('promtool')).toThrow(/promtool is not installed\. Install it with `apt-get install -y prometheus prometheus-alertmanager`/);
  });

  it('starts no monitoring when the packages are missing, and says why', async () => {
    process.env['PATH'] = '/nonexistent';
    const monitoring = await startLocalMonitoring({
      workDir: '/nonexistent',
      logsDir: '/nonexistent',
      services: {},
      updateOrigin: 1,
      ports: 'free',
    });
    expect(monitoring).toEqual({ installed: false, reason: 'not installed (apt-get install -y prometheus prometheus-alertmanager)' });
  });
});

import { statusTable } from './status-table';

describe('statusTable', () => {
  it('prints one aligned row per endpoint under a service/URL/version/status header', () => {
    const table = statusTable([
      { name: 'records-service', url: 'http://127.0.0.1:3001', version: '0.1.0', status: 'ready' },
      { name: 'migrations', url: '-', status: 'up to date' },
    ]);
    expect(table.split('\n')).toEqual([
      'service          URL                    version  status',
      '---------------  ---------------------  -------  ----------',
      'records-service  http://127.0.0.1:3001  0.1.0    ready',
      'migrations       -                      -        up to date',
    ]);
  });
});

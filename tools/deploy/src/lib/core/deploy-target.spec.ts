import { resolveDeployTarget } from './deploy-target';

describe('resolveDeployTarget', () => {
  it('takes flags over the environment and never hard-codes a context', () => {
    const env = { DEPLOY_ENV: 'staging', RELEASE_VERSION: '1.2.3', IMAGE_REGISTRY: 'reg.example', KUBE_CONTEXT: 'ci' };
    expect(resolveDeployTarget({}, env)).toEqual({
      environment: 'staging',
      releaseVersion: '1.2.3',
      namespace: 'factsway-staging',
      context: 'ci',
      registry: 'reg.example',
    });
    expect(resolveDeployTarget({ environment: 'production', namespace: 'x', context: 'prod' }, env)).toMatchObject({
      environment: 'production',
      namespace: 'x',
      context: 'prod',
    });
    expect(resolveDeployTarget({}, {}).context).toBeUndefined();
  });

  it('rejects an unknown environment, a version that is no image tag, and a cluster without registry', () => {
    expect(() => resolveDeployTarget({ environment: 'qa' }, {})).toThrow('unknown environment "qa"');
    expect(() => resolveDeployTarget({ releaseVersion: '1.0.0/../x' }, {})).toThrow('not a valid image tag');
    expect(() => resolveDeployTarget({ environment: 'production' }, {})).toThrow('--registry');
  });
});

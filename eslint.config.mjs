// One ESLint configuration for the workspace. The rule that matters most is
// @nx/enforce-module-boundaries: it holds the layers of docs/architecture.md.
import nx from '@nx/eslint-plugin';

/** Which project tags may import which (docs/architecture.md, "Layers"). */
export const layerConstraints = [
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:app', 'type:infra', 'type:tool'] },
  // A service calls another over HTTP; it never imports its source, not even in a test.
  { sourceTag: 'scope:service', notDependOnLibsWithTags: ['scope:service'] },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.nx', '**/coverage', '**/tmp', '**/.local', '**/cdk.out', '**/__snapshots__'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.cjs', '**/*.cts', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: layerConstraints,
        },
      ],
      // `value!` is a deliberate assertion in this codebase (mostly after an explicit check or in tests).
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Input sanitizing (file names, text fields) and terminal output matching need control-character classes.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests read JSON responses and parsed YAML loosely; production code may not.
    files: ['**/*.spec.ts', '**/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
];

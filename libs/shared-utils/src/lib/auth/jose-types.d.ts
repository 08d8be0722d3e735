// jose publishes its types only through package.json "exports", which the repository's
// node10 module resolution does not read; this points TypeScript at the same declarations.
// Runtime resolution (Node, jest, esbuild) reads "exports" and is unaffected.
declare module 'jose' {
  export * from 'jose/dist/types/index';
}

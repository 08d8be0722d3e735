declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace NodeJS {
    interface ProcessEnv {
      /**
       * Replaced at bundle time by esbuild's `define`
       * (`'process.env.FACTSWAY_BUILD_VERSION': JSON.stringify(version)`), so a built
       * service knows its version with no environment at all. Unbundled code reads the
       * real environment variable instead.
       */
      FACTSWAY_BUILD_VERSION?: string;
    }
  }
}

/**
 * The platform version embedded in this build, if any. Must stay the literal member
 * expression `process.env.FACTSWAY_BUILD_VERSION` so esbuild's `define` can replace it.
 */
export function embeddedBuildVersion(): string | undefined {
  return process.env.FACTSWAY_BUILD_VERSION || undefined;
}

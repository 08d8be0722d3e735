/** A missing or malformed environment variable; `variables` names every offending one. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly serviceId: string,
    readonly problems: readonly { variable: string; message: string }[],
  ) {
    super(
      `Invalid configuration for ${serviceId}: ` +
        problems.map((p) => `${p.variable} ${p.message}`).join('; '),
    );
  }

  get variables(): string[] {
    return this.problems.map((p) => p.variable);
  }
}

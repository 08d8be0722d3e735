/** A refusal the operator can act on: bad input, or a publish that would break a release. Exit code 2. */
export class ReleaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReleaseError';
  }
}

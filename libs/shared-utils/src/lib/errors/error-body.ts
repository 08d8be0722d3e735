/** The one error shape every FACTSWAY endpoint returns. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    requestId: string;
    details?: unknown;
  };
}

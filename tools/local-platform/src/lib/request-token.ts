/**
 * An access token of a demo account from the local platform's issuer (`POST /token`), as
 * `npm run -s token` prints it. `subject` defaults to the firm's first demo user.
 */
export async function requestToken(issuerUrl: string, tenant: string, subject?: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${issuerUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant, subject }),
    });
  } catch (error) {
    throw new Error(`no issuer at ${issuerUrl} (${(error as Error).message}): is \`npm start\` running?`, { cause: error });
  }
  const body = (await response.json().catch(() => ({}))) as { access_token?: string; error_description?: string };
  if (!response.ok || !body.access_token) throw new Error(`${issuerUrl} refused: ${body.error_description ?? response.status}`);
  return body.access_token;
}

import { z } from 'zod';

/** Who issues the tokens a service accepts, from AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL. */
export interface AuthConfig {
  issuer: string;
  audience: string;
  jwksUrl: string;
}

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);

function required(variable: string, example: string) {
  return z.preprocess(emptyAsUnset, z.string({ message: `is required (${variable}, e.g. ${example}): every /api route checks tokens` }));
}

function httpUrl(example: string) {
  return z.string().refine(
    (value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be an http(s) URL, e.g. ${example}` },
  );
}

/** The environment variables of AuthConfig, spread into the service configuration schema. */
export const authConfigShape = {
  AUTH_ISSUER: required('the OpenID Connect issuer', 'https://login.factsway.com').pipe(httpUrl('https://login.factsway.com')),
  AUTH_AUDIENCE: required('the audience tokens are issued for', 'https://api.factsway.com').pipe(z.string().min(1)),
  AUTH_JWKS_URL: required("the issuer's JSON Web Key Set", 'https://login.factsway.com/jwks').pipe(httpUrl('https://login.factsway.com/jwks')),
};

export function authConfigFrom(values: { AUTH_ISSUER: string; AUTH_AUDIENCE: string; AUTH_JWKS_URL: string }): AuthConfig {
  return { issuer: values.AUTH_ISSUER, audience: values.AUTH_AUDIENCE, jwksUrl: values.AUTH_JWKS_URL };
}

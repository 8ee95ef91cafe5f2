import { meetsIdentity, type IdentityRequirement } from '@cityhub/schema';
import { ApiError } from './errors.js';
import { sha256 } from './http.js';

/**
 * Who is calling. The sandbox accepts bearer tokens `sandbox-<1–64 of [A-Za-z0-9_-]>` and treats their holder
 * as a real-name-verified citizen; `sandbox-face-…` tokens stand for citizens who have also passed face
 * verification (刷脸). Only a SHA-256 of the token (`owner`) is kept: the token itself is never stored or logged.
 */
export interface Identity {
  owner: string;
  verified: 'real-name' | 'face';
}

const SANDBOX_TOKEN = /^sandbox-[A-Za-z0-9_-]{1,64}$/;
const CHALLENGE = 'Bearer realm="cityhub"';

export function unauthorized(message: string, error?: 'invalid_token' | 'invalid_request'): ApiError {
  return new ApiError(401, 'unauthorized', message, {
    headers: { 'WWW-Authenticate': error ? `${CHALLENGE}, error="${error}"` : CHALLENGE },
  });
}

/**
 * Reads `Authorization: Bearer <token>`. No header → `undefined` (anonymous). A header that is present but not
 * a valid sandbox token → 401: a client that meant to identify itself must not silently become anonymous.
 */
export function identify(header: string | undefined | null): Identity | undefined {
  if (header === undefined || header === null) return undefined;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized('Authorization must be "Bearer <token>"', 'invalid_request');
  const token = match[1]!;
  if (!SANDBOX_TOKEN.test(token)) throw unauthorized('the access token is not valid', 'invalid_token');
  return { owner: sha256(`cityhub-owner\n${token}`), verified: token.startsWith('sandbox-face-') ? 'face' : 'real-name' };
}

/** Whether an identity satisfies a service's requirement: face verification also counts as real-name. */
export function satisfies(identity: Identity | undefined, requirement: IdentityRequirement): boolean {
  return meetsIdentity(identity?.verified ?? 'none', requirement);
}

/// <reference types="vite/client" />
import { createCityHub, type Identity } from '@cityhub/sdk';

/**
 * One SDK client for the whole app (it caches catalogs, coalesces requests and keeps search indexes).
 * `VITE_CITYHUB_API=https://hub.example.cn npm run dev` points it at another API; the default is the reference
 * server from `npm start` at the repository root.
 */
export const API: string = import.meta.env.VITE_CITYHUB_API ?? 'http://127.0.0.1:8787';

/**
 * Who is signed in. A real host gets the token from its own login (e.g. exchanging a WeChat / Alipay auth code on
 * its server); the reference server accepts sandbox tokens `sandbox-<name>` as real-name-verified citizens (and
 * `sandbox-face-<name>` as face verified: with this real-name user, face-verification services ask for it).
 * The SDK asks for it before each authenticated request and sends it to the API origin only.
 */
let user: Identity | null = { token: 'sandbox-react-demo', level: 'real-name' };

export const isSignedIn = () => user !== null;
export function setSignedIn(signedIn: boolean): void {
  user = signedIn ? { token: 'sandbox-react-demo', level: 'real-name' } : null;
}

export const hub = createCityHub({ api: API, identity: async () => user });

import { fileURLToPath } from 'node:url';

/** Absolute path of the embedded sample manifests (cities.json, standard.json, providers/*.json). */
export const manifestsDir = fileURLToPath(new URL('./manifests/', import.meta.url));

/** Absolute path of the embedded sample manifests (cities.json, standard.json, providers/*.json). */
export declare const manifestsDir: string;

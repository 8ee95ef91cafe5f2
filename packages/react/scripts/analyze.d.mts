/** Absolute path of packages/components/. */
export declare const componentsDir: string;
/** The @cityhub/components custom-elements manifest, analyzed in memory (nothing written). */
export declare function analyzeComponents(dir?: string): Promise<CustomElementsManifest>;

export interface CustomElementsManifest {
  schemaVersion: string;
  modules: Array<{
    kind: string;
    path: string;
    declarations?: Array<{ kind: string; name: string; customElement?: boolean; tagName?: string; summary?: string; events?: Array<{ name: string; description?: string }>; [key: string]: unknown }>;
    exports?: Array<{ kind: string; name: string; declaration: { name: string; module?: string; package?: string } }>;
  }>;
}

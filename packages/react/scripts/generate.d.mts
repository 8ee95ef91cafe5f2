import type { CustomElementsManifest } from './analyze.mjs';

export declare const manifestPath: string;
export declare const srcDir: string;
export declare const outputPath: string;
export declare function pascalCase(name: string): string;
export declare function eventPropName(event: string): string;

export interface WrappedElement {
  tag: string;
  className: string;
  reactName: string;
  defineModule: string;
  summary: string;
  events: Array<{ name: string; prop: string; description: string }>;
}

export declare function elementsOf(manifest: CustomElementsManifest): WrappedElement[];
/** Generated sources by file name under src/ (`<tag>.ts` per element, and `index.ts`). */
export declare function generateFiles(manifest: CustomElementsManifest): Map<string, string>;
/** The generated src/index.ts. */
export declare function generate(manifest: CustomElementsManifest): string;

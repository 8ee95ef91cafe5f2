/**
 * The custom-elements.json as Storybook autodocs should see it: only the public API. The analyzer also lists
 * private and protected members and static fields (`styles`, `formAssociated`), which are not something a user
 * can set.
 */
interface Member {
  kind?: string;
  privacy?: string;
  static?: boolean;
  name?: string;
}

interface Declaration {
  kind?: string;
  members?: Member[];
  [key: string]: unknown;
}

interface Manifest {
  modules: Array<{ declarations?: Declaration[]; [key: string]: unknown }>;
  [key: string]: unknown;
}

export function publicManifest<T extends object>(manifest: T): T {
  const copy = structuredClone(manifest) as unknown as Manifest;
  for (const mod of copy.modules) {
    for (const decl of mod.declarations ?? []) {
      if (decl.members) decl.members = decl.members.filter((m) => !m.static && (m.privacy === undefined || m.privacy === 'public'));
    }
  }
  return copy as unknown as T;
}

/** Tag names of the custom elements a manifest declares. */
export function tagNames(manifest: object): string[] {
  const tags: string[] = [];
  for (const mod of (manifest as Manifest).modules) {
    for (const decl of mod.declarations ?? []) {
      if (decl['customElement'] === true && typeof decl['tagName'] === 'string') tags.push(decl['tagName']);
    }
  }
  return tags.sort();
}

/**
 * The Docs page description of an element: its JSDoc description from the manifest (the single source of API
 * truth, which a story's own `docs.description.component` would otherwise replace), then a note about the story's
 * mock data.
 */
export function describeComponent(manifest: object, tag: string, note: string): string {
  for (const mod of (manifest as Manifest).modules) {
    for (const decl of mod.declarations ?? []) {
      if (decl['tagName'] === tag) return [decl['description'], `**In these stories:** ${note}`].filter(Boolean).join('\n\n');
    }
  }
  return note;
}

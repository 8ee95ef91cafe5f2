/**
 * Registers a custom element once. Re-running a define module (hot reload, the package loaded twice by the same
 * bundle) is a no-op when the tag already has this class; a different class under the tag is left in place with a
 * warning instead of the `NotSupportedError` that would break the page.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor, registry: CustomElementRegistry = customElements): void {
  const existing = registry.get(tag);
  if (existing === undefined) {
    registry.define(tag, constructor);
    return;
  }
  if (existing !== constructor) {
    console.warn(`<${tag}> is already defined by a different class (two copies of @cityhub/components?); keeping the first.`);
  }
}

// Configuration for `cem analyze` (picked up from this folder by the package's `analyze` script).
//
// The define modules register elements through `defineElement('city-search', CitySearch)` (a safe wrapper around
// `customElements.define`, see src/internal/define.ts), which the analyzer does not recognise on its own. Without
// this plugin the manifest has no `tagName`s, so Storybook autodocs, the generated React wrappers and editor hints
// cannot find the elements. The plugin records each `defineElement(tag, Class)` call as a
// `custom-element-definition` export of the define module, exactly what the analyzer writes for
// `customElements.define(tag, Class)`, and its own link phase then sets `tagName` on the class.

/** @returns {import('@custom-elements-manifest/analyzer').Plugin} */
function defineElementCalls() {
  return {
    name: 'cityhub-define-element-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'defineElement') return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteralLike(tag) || !ts.isIdentifier(klass)) return;
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: klass.text } },
      ];
    },
    packageLinkPhase({ customElementsManifest }) {
      // Point each definition at the module that declares the class (the define module only imports it).
      const declaredIn = new Map();
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) if (decl.kind === 'class') declaredIn.set(decl.name, mod.path);
      }
      for (const mod of customElementsManifest.modules) {
        for (const exp of mod.exports ?? []) {
          if (exp.kind === 'custom-element-definition' && !exp.declaration.module && !exp.declaration.package) {
            const path = declaredIn.get(exp.declaration.name);
            if (path) exp.declaration.module = path;
          }
        }
      }
    },
  };
}

export default {
  plugins: [defineElementCalls()],
  // Never rewrite package.json's `customElements` (the analyzer does by default, even with `--outdir` pointing
  // elsewhere); the field is maintained by hand.
  packagejson: false,
};

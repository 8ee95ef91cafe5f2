// Minimal Mocha globals for type-checking the browser tests (@web/test-runner runs them with Mocha). The repo does
// not install @types/mocha; if it is added later, delete this file.
declare function describe(title: string, body: (this: unknown) => void): void;
declare function it(title: string, body: (this: { timeout(ms: number): void }) => unknown): void;
declare function before(body: () => unknown): void;
declare function after(body: () => unknown): void;
declare function beforeEach(body: () => unknown): void;
declare function afterEach(body: () => unknown): void;

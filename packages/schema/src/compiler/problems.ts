import type * as z from 'zod/mini';

/** One thing wrong with a manifest: the file, the JSON path inside it and why. */
export interface CatalogProblem {
  file: string;
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

/** `services[3].bindings[0].entry.url` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$-]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** `water-bureau.json services[3].bindings[0].entry.url: must be https`. */
export function formatProblem(problem: CatalogProblem): string {
  const where = problem.path ? `${problem.file} ${problem.path}` : problem.file;
  return `${where}: ${problem.severity === 'warning' ? 'warning: ' : ''}${problem.message}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'property' : 'properties'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) return `must have a valid "${String(issue.discriminator)}"`;
      return 'matches none of the allowed shapes';
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

export function problemsFromIssues(file: string, issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): CatalogProblem[] {
  return issues.map((issue) => ({
    file,
    path: formatPath([...prefix, ...issue.path]),
    message: describeIssue(issue),
    severity: 'error' as const,
  }));
}

/** Thrown by `compileCatalog` when manifests have errors; `problems` lists every one. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  constructor(readonly problems: CatalogProblem[]) {
    super(`${problems.filter((p) => p.severity === 'error').length} catalog error(s):\n${problems.map(formatProblem).join('\n')}`);
  }
}

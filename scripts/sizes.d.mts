export interface Budget { label: string; target: number; ceiling: number }
export interface Measured extends Budget { file: string; min: number; gzip: number; ok: boolean; meetsTarget: boolean }
export const BUDGETS: Record<string, Budget>;
export function measure(root?: string): Measured[];

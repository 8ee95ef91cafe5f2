export interface Budget { label: string; target?: number; ceiling: number }
export interface PartSize { part: string; min: number; gzip: number }
export interface Size { min: number; gzip: number; parts: PartSize[] }
export interface Measured extends Budget, Size { file: string; ok: boolean; meetsTarget: boolean | undefined }
export const BUDGETS: Record<string, Budget>;
export const PARTS: Array<[string, RegExp]>;
export function measureCode(code: string, map?: { sources: string[]; mappings: string }): Size;
export function judge(file: string, size: Size): Measured;
export function measure(root?: string): Measured[];
export function kb(bytes: number): string;
export function report(measured: Measured): string[];

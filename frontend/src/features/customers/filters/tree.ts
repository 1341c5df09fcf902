/**
 * The filter language's JSON tree (`{and: [...]}`, `{or: [...]}`, `{not: ...}`, `{field, op, value}`)
 * and the builder's editable form of it: groups of conditions joined by AND or OR, nestable.
 */
export interface Condition {
  field: string;
  op: string;
  value?: unknown;
}

export type FilterNode = Condition | { and: FilterNode[] } | { or: FilterNode[] } | { not: FilterNode };

export type Join = 'and' | 'or';

export interface DraftCondition {
  kind: 'condition';
  key: string;
  field: string | null;
  op: string | null;
  value: unknown;
}

export interface DraftGroup {
  kind: 'group';
  key: string;
  join: Join;
  negate: boolean;
  items: (DraftCondition | DraftGroup)[];
}

export type DraftItem = DraftCondition | DraftGroup;

export const MAX_DEPTH = 3;

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `k${counter}`;
}

export function emptyCondition(): DraftCondition {
  return { kind: 'condition', key: newKey(), field: null, op: null, value: null };
}

export function emptyGroup(join: Join = 'and'): DraftGroup {
  return { kind: 'group', key: newKey(), join, negate: false, items: [emptyCondition()] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A loose structural check for trees that come from a URL someone may have edited. */
export function isFilterNode(value: unknown, depth = 0): value is FilterNode {
  if (!isObject(value) || depth > 10) return false;
  if (Array.isArray(value.and)) return value.and.every((n) => isFilterNode(n, depth + 1));
  if (Array.isArray(value.or)) return value.or.every((n) => isFilterNode(n, depth + 1));
  if ('not' in value) return isFilterNode(value.not, depth + 1);
  return typeof value.field === 'string' && typeof value.op === 'string';
}

function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0 || value.some((v) => v === null || v === '' || v === undefined);
  return false;
}

/** Conditions still being typed (no field, no operator, a missing value) are left out. */
export function conditionComplete(c: DraftCondition, noValueOps: ReadonlySet<string>): boolean {
  if (!c.field || !c.op) return false;
  return noValueOps.has(c.op) || !isEmptyValue(c.value);
}

export function draftToTree(group: DraftGroup, noValueOps: ReadonlySet<string>): FilterNode | null {
  const children = group.items
    .map((item): FilterNode | null => {
      if (item.kind === 'group') return draftToTree(item, noValueOps);
      if (!conditionComplete(item, noValueOps) || !item.field || !item.op) return null;
      return noValueOps.has(item.op) ? { field: item.field, op: item.op } : { field: item.field, op: item.op, value: item.value };
    })
    .filter((n): n is FilterNode => n !== null);
  if (children.length === 0) return null;
  const node: FilterNode = group.join === 'and' ? { and: children } : { or: children };
  return group.negate ? { not: node } : node;
}

function conditionToDraft(c: Condition): DraftCondition {
  return { kind: 'condition', key: newKey(), field: c.field, op: c.op, value: c.value ?? null };
}

export function treeToDraft(node: FilterNode | null | undefined): DraftGroup {
  if (!node) return { ...emptyGroup(), items: [] };
  if ('and' in node || 'or' in node) {
    const join: Join = 'and' in node ? 'and' : 'or';
    const children = 'and' in node ? node.and : node.or;
    return {
      kind: 'group',
      key: newKey(),
      join,
      negate: false,
      items: children.map((child): DraftItem => ('field' in child ? conditionToDraft(child) : treeToDraft(child))),
    };
  }
  if ('not' in node) {
    const inner = treeToDraft(node.not);
    return { ...inner, negate: !inner.negate };
  }
  return { kind: 'group', key: newKey(), join: 'and', negate: false, items: [conditionToDraft(node)] };
}

/** The top-level parts of a tree, each removable on its own as a chip. */
export function topLevelParts(node: FilterNode | null | undefined): { join: Join; parts: FilterNode[] } {
  if (!node) return { join: 'and', parts: [] };
  if ('and' in node) return { join: 'and', parts: node.and };
  if ('or' in node) return { join: 'or', parts: node.or };
  return { join: 'and', parts: [node] };
}

export function withoutPart(node: FilterNode, index: number): FilterNode | undefined {
  const { join, parts } = topLevelParts(node);
  const rest = parts.filter((_, i) => i !== index);
  if (rest.length === 0) return undefined;
  return join === 'and' ? { and: rest } : { or: rest };
}

export function depthOf(group: DraftGroup): number {
  const childDepths = group.items.filter((i): i is DraftGroup => i.kind === 'group').map(depthOf);
  return 1 + Math.max(0, ...childDepths);
}

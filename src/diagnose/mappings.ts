// Reading a provisioning schema: which object mapping handles users or groups, which source attributes feed a
// target attribute, and which attribute is used for matching.
import type { AttributeMapping, AttributeMappingSource, ObjectMapping, SynchronizationSchema } from '../graph/types';

/** The enabled mapping whose source object is User or Group (first rule that has one). */
export function objectMappingFor(schema: SynchronizationSchema | null | undefined, sourceObject: 'User' | 'Group'): ObjectMapping | undefined {
  const wanted = sourceObject.toLowerCase();
  for (const rule of schema?.synchronizationRules ?? []) {
    const found = (rule?.objectMappings ?? []).find(
      (m) => m && String(m.sourceObjectName ?? '').toLowerCase() === wanted && m.enabled !== false,
    );
    if (found) return found;
  }
  return undefined;
}

/** Source attribute names a mapping reads: its attribute, function parameters, and `[name]` in expressions. */
export function sourceAttributesOf(mapping: AttributeMapping | null | undefined): string[] {
  const names = new Set<string>();
  const visit = (source: AttributeMappingSource | null | undefined) => {
    if (!source) return;
    if (String(source.type).toLowerCase() === 'attribute' && source.name) names.add(source.name);
    for (const match of (source.expression ?? '').matchAll(/\[([A-Za-z][\w]*)\]/g)) names.add(match[1]);
    for (const p of source.parameters ?? []) visit(p?.value);
  };
  visit(mapping?.source);
  return [...names];
}

/** How the mapping fills the target, in words: "source attribute mail", "the constant 'True'", "an expression". */
export function describeSource(mapping: AttributeMapping): string {
  const source = mapping.source;
  const type = String(source?.type ?? '').toLowerCase();
  if (type === 'attribute' && source?.name) return `source attribute ${source.name}`;
  if (type === 'constant') return `the constant '${source?.name ?? source?.expression ?? ''}'`;
  const inputs = sourceAttributesOf(mapping);
  const expression = source?.expression ? `the expression ${source.expression}` : 'an expression';
  return inputs.length ? `${expression} (reads ${inputs.join(', ')})` : expression;
}

const rootOf = (name: string) => name.split(/[[.]/)[0].trim().toLowerCase();

/**
 * The mapping that writes a target attribute. Exact name first, then the same root, so SCIM's "emails" finds
 * `emails[type eq "work"].value` and "name" finds `name.givenName`.
 */
export function mappingForTarget(objectMapping: ObjectMapping | null | undefined, target: string): AttributeMapping | undefined {
  const all = (objectMapping?.attributeMappings ?? []).filter((m): m is AttributeMapping => !!m?.targetAttributeName);
  const wanted = target.trim().toLowerCase();
  return (
    all.find((m) => m.targetAttributeName.toLowerCase() === wanted) ??
    all.find((m) => rootOf(m.targetAttributeName) === rootOf(wanted))
  );
}

/** Matching attributes, lowest matchingPriority first (priority 1 is the one tried first). */
export function matchingMappings(objectMapping: ObjectMapping | null | undefined): AttributeMapping[] {
  return (objectMapping?.attributeMappings ?? [])
    .filter((m): m is AttributeMapping => !!m && typeof m.matchingPriority === 'number' && m.matchingPriority > 0)
    .sort((a, b) => (a.matchingPriority ?? 0) - (b.matchingPriority ?? 0));
}

// The three ways a name can resolve: one object, several (ask which), or none (say so, with the closest names).
export type Resolution<T> =
  | { kind: 'one'; value: T }
  | { kind: 'many'; options: T[] }
  | { kind: 'none'; typed: string; closest: string[]; note?: string };

export function resolution<T>(typed: string, matches: T[], closest: () => string[]): Resolution<T> {
  if (matches.length === 1) return { kind: 'one', value: matches[0] };
  if (matches.length > 1) return { kind: 'many', options: matches };
  return { kind: 'none', typed, closest: closest() };
}

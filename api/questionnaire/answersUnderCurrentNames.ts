/**
 * Answers given in an older questionnaire version, under the names the newer versions use. Analysis maps
 * answers across versions by question name; where a later version declares `"renamedFrom"`, the answer is
 * moved to the new name. The renames of every version after the one answered are applied in version order,
 * so a question renamed twice (a → b in v2, b → c in v3) ends as c. An answer that already carries the new
 * name is kept (it was given to the renamed question itself). Cost: O(answers + renames). Never mutates.
 * @example answersUnderCurrentNames({ commute_minutes: 20 }, 1, new Map([[2, { commute_minutes: 'commute_time' }]]))
 *   // → { commute_time: 20 }
 */
export function answersUnderCurrentNames(
  answers: Readonly<Record<string, unknown>>,
  answeredIn: number,
  renamesByVersion: ReadonlyMap<number, Readonly<Record<string, string>>>,
): Record<string, unknown> {
  const later = [...renamesByVersion.keys()].filter((v) => v > answeredIn).sort((a, b) => a - b);
  if (later.length === 0) return answers as Record<string, unknown>;
  let current: Record<string, unknown> = { ...answers };
  for (const version of later) {
    const renames = renamesByVersion.get(version) ?? {};
    const newNames = new Set(Object.values(renames));
    const next: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(current)) {
      const renamed = renames[name];
      if (renamed === undefined) next[name] = value;
      else if (!(renamed in current)) next[renamed] = value;
    }
    // Answers under the new name win over a moved one: they were given to the renamed question itself.
    for (const [name, value] of Object.entries(current)) if (newNames.has(name)) next[name] = value;
    current = next;
  }
  return current;
}

/** Anything with a location in a resource: an element, an item, or a path given as text. */
export interface Located {
  readonly path: string;
}

/**
 * A value's location in a resource (`Consent.extension[0].url`): its parent's, its name, and its
 * index in its JSON array (-1 when it is not an item of one).
 *
 * The element walk and the profile checker pass every element of every resource, and a valid
 * resource names none of them in an issue. So each keeps these three parts and spells out the
 * location only when it is read, and then once: building every location as text took a tenth
 * of the engine's own work on a valid Consent (1.4 µs of 13). They are classes of their own, not
 * subclasses of one: constructing a derived class took back about half of that saving.
 */
export function spellLocation(parent: Located | string, name: string, index: number): string {
  const base = typeof parent === "string" ? parent : parent.path;
  return index === -1 ? `${base}.${name}` : `${base}.${name}[${index}]`;
}

/** Case conversion for generated names. Pure; the naming decisions live in src/emit/ts/names.ts. */

/** Splits any string into ASCII alphanumeric words (diacritics dropped, camelCase boundaries kept). */
export function words(input: string): string[] {
  const ascii = input.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const parts = ascii.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const out: string[] = [];
  for (const part of parts) {
    // "HTTPServerError2x" -> HTTP, Server, Error2x ; "fooBar" -> foo, Bar
    const pieces = part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+[a-z]*|[A-Z]+/g) ?? [part];
    out.push(...pieces);
  }
  return out;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `PascalCase`; acronyms are kept as written when already upper-case (e.g. `HTTPError`). */
export function pascalCase(input: string): string {
  return words(input)
    .map((w) => capitalize(w))
    .join("");
}

/** `camelCase`. */
export function camelCase(input: string): string {
  const ws = words(input);
  return ws
    .map((w, i) => {
      if (i > 0) return capitalize(w);
      return /^[A-Z]+$/.test(w) && w.length > 1 ? w.toLowerCase() : w.charAt(0).toLowerCase() + w.slice(1);
    })
    .join("");
}

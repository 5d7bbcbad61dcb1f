import type { SpecLocation } from "../../util/errors.js";

/**
 * Where each part of the converted OpenAPI 3.0 document came from in the Swagger 2.0 file(s), so
 * that errors raised while reading the converted document name a place the user can find.
 *
 * Only the roots of moved subtrees are recorded (a definition, a parameter, a response schema…);
 * below them the converted document keeps the original's shape, so the rest of a pointer carries
 * over unchanged. Pointers with no recorded ancestor are the same in both documents.
 */
export class OriginMap {
  private readonly origins = new Map<string, SpecLocation>();

  constructor(private readonly rootFile: string) {}

  /** Records that the subtree at `converted` came from `origin`. */
  set(converted: string, origin: SpecLocation): void {
    this.origins.set(converted, { file: origin.file, pointer: origin.pointer });
  }

  /** The original location of a pointer into the converted document. */
  original(pointer: string): SpecLocation {
    let prefix = pointer;
    for (;;) {
      const origin = this.origins.get(prefix);
      if (origin) return { file: origin.file, pointer: origin.pointer + pointer.slice(prefix.length) };
      if (prefix === "") return { file: this.rootFile, pointer };
      // Escaped segments never contain "/", so the last "/" starts the last segment.
      prefix = prefix.slice(0, Math.max(0, prefix.lastIndexOf("/")));
    }
  }
}

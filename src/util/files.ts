/** One output file, relative to its output folder: what emitters produce and the writer writes. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** True for an http(s) URL (a spec read over the network rather than from a file). */
export function isUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

// The one function this project uses from fs-native-extensions, which ships no types.
declare module 'fs-native-extensions' {
  /** An exclusive lock on the whole file (shared: false), or false at once when another holds it. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
}

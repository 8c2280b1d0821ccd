import type SharpConstructor from 'sharp';

let loading: Promise<typeof SharpConstructor> | undefined;

/**
 * sharp, loaded when an image is first made or read, not at every start: its native library adds about
 * 23 MB to a server that may never be sent an image (ADR 071). Later calls get the same module.
 */
export function loadSharp(): Promise<typeof SharpConstructor> {
  loading ??= import('sharp').then((module) => module.default);
  return loading;
}

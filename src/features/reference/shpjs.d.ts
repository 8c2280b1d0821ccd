// shpjs ships no types of its own; this is the one function the import uses.
declare module 'shpjs' {
  import type { FeatureCollection } from 'geojson';
  /**
   * A zipped shapefile → GeoJSON in longitude/latitude (reprojected from its .prj); an array when the zip holds
   * several layers.
   */
  export function parseZip(buffer: ArrayBuffer | Uint8Array): Promise<FeatureCollection | FeatureCollection[]>;
}

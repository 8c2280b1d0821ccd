import { crc32 } from 'node:zlib';

/**
 * Test support: GeoJSON polygons written back as a zipped shapefile, the
 * form the Census Bureau publishes, so the download path's shapefile reading
 * is tested without the internet. Only what the import reads: polygons, text
 * attributes, no projection file (coordinates are already longitude/latitude).
 */
type Polygonal = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
export type FixtureFeature = { properties: Record<string, string>; geometry: Polygonal };

export function zippedShapefile(name: string, features: FixtureFeature[]): Uint8Array {
  return zipStored([
    [`${name}.shp`, shp(features)],
    [`${name}.dbf`, dbf(features)],
  ]);
}

const signedArea = (ring: number[][]) =>
  ring.reduce((sum, [x, y], i) => (i === 0 ? 0 : sum + (ring[i - 1]![0]! * y! - x! * ring[i - 1]![1]!)), 0);

/** Shapefiles want outer rings clockwise and holes counter-clockwise, the reverse of RFC 7946 GeoJSON. */
function rings(geometry: Polygonal): number[][][] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flatMap((polygon) =>
    polygon.map((ring, i) => (signedArea(ring) < 0 === (i === 0) ? ring : [...ring].reverse())),
  );
}

function shp(features: FixtureFeature[]): Uint8Array {
  const records = features.map((feature, index) => {
    const parts = rings(feature.geometry);
    const points = parts.flat();
    const size = 44 + 4 * parts.length + 16 * points.length;
    const view = new DataView(new ArrayBuffer(8 + size));
    view.setInt32(0, index + 1);
    view.setInt32(4, size / 2);
    view.setInt32(8, 5, true);
    writeBox(view, 12, points);
    view.setInt32(44, parts.length, true);
    view.setInt32(48, points.length, true);
    let offset = 52;
    let start = 0;
    for (const part of parts) view.setInt32(offset, start, true), (offset += 4), (start += part.length);
    for (const [x, y] of points)
      view.setFloat64(offset, x!, true), view.setFloat64(offset + 8, y!, true), (offset += 16);
    return new Uint8Array(view.buffer);
  });
  const header = new DataView(new ArrayBuffer(100));
  const length = 100 + records.reduce((sum, r) => sum + r.length, 0);
  header.setInt32(0, 9994);
  header.setInt32(24, length / 2);
  header.setInt32(28, 1000, true);
  header.setInt32(32, 5, true);
  writeBox(
    header,
    36,
    features.flatMap((f) => rings(f.geometry).flat()),
  );
  return concat([new Uint8Array(header.buffer), ...records]);
}

function writeBox(view: DataView, at: number, points: number[][]) {
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  for (const [i, v] of [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].entries())
    view.setFloat64(at + 8 * i, v, true);
}

function dbf(features: FixtureFeature[]): Uint8Array {
  const fields = Object.keys(features[0]!.properties).map((name) => ({
    name,
    length: Math.max(1, ...features.map((f) => Buffer.byteLength(f.properties[name]!))),
  }));
  const recordLength = 1 + fields.reduce((sum, f) => sum + f.length, 0);
  const headerLength = 32 + 32 * fields.length + 1;
  const out = Buffer.alloc(headerLength + recordLength * features.length + 1, 0x20);
  out.fill(0, 0, headerLength);
  out.writeUInt8(3, 0);
  out.writeUInt32LE(features.length, 4);
  out.writeUInt16LE(headerLength, 8);
  out.writeUInt16LE(recordLength, 10);
  fields.forEach((field, i) => {
    out.write(field.name, 32 + 32 * i, 'latin1');
    out.write('C', 32 + 32 * i + 11, 'latin1');
    out.writeUInt8(field.length, 32 + 32 * i + 16);
  });
  out.writeUInt8(0x0d, headerLength - 1);
  features.forEach((feature, i) => {
    let at = headerLength + i * recordLength + 1;
    for (const field of fields) {
      out.write(feature.properties[field.name]!, at, 'latin1');
      at += field.length;
    }
  });
  out.writeUInt8(0x1a, out.length - 1);
  return out;
}

/** A zip archive whose entries are stored uncompressed: the smallest valid one. */
function zipStored(entries: [string, Uint8Array][]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return concat([...locals, directory, end]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

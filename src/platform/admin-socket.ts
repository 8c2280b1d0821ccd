import { chmodSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { z } from 'zod';

/**
 * How admin commands reach a site that runs on the embedded database: that
 * process alone may open it, so the CLI asks it to run the whole command
 * with its own database handle (through which PGlite serialises it with the
 * site's requests) and prints what comes back. The socket lives in a folder
 * of DATA_DIR that only its owner may enter, and is itself 0600: whoever can
 * reach it could read the data folder anyway (ADR 027).
 *
 * One JSON line goes in ({command, request}); JSON lines come back: `out`
 * and `err` lines to print, `data` (base64) for a file the command writes
 * (a backup), and last `exit` with the exit code.
 */

export const adminSocketPath = (dataDir: string): string => join(dataDir, 'run', 'admin.sock');

export type AdminRequest = { command: string; request?: unknown };

/** How a command answers, wherever it runs. */
export type AdminReply = { print(line: string): void; error(line: string): void; file: Writable };

const incoming = z.object({ command: z.string().max(100), request: z.unknown().optional() });
const outgoing = z.union([
  z.object({ out: z.string() }),
  z.object({ err: z.string() }),
  z.object({ data: z.string() }),
  z.object({ exit: z.number().int() }),
]);

/** A request line is small (flags and a password); anything longer is not the CLI. */
const MAX_REQUEST_BYTES = 64 * 1024;

/** The socket could not be reached: no process listens there (yet). */
export class AdminSocketUnreachable extends Error {}

/**
 * Listens on DATA_DIR's admin socket; `run` answers each request and returns
 * its exit code. Only the process holding the data folder's lock calls this,
 * so a socket file already there was left by a process that died.
 */
export async function listenForAdminCommands(
  dataDir: string,
  run: (request: AdminRequest, reply: AdminReply) => Promise<number>,
): Promise<{ close(): Promise<void> }> {
  const path = adminSocketPath(dataDir);
  const folder = join(dataDir, 'run');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  if (process.getuid && statSync(folder).uid !== process.getuid()) throw new Error(`${folder} belongs to another user`);
  rmSync(path, { force: true });
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    void answer(socket, run);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function answer(socket: Socket, run: (request: AdminRequest, reply: AdminReply) => Promise<number>) {
  const send = (frame: z.infer<typeof outgoing>, done?: () => void) => {
    if (socket.destroyed) return done?.();
    socket.write(`${JSON.stringify(frame)}\n`, done ? () => done() : undefined);
  };
  // The first line only, read without ending the stream (a for-await loop left early would destroy the socket).
  const text = await new Promise<string>((resolve) => {
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString('utf8');
      if (received.includes('\n') || received.length > MAX_REQUEST_BYTES) finish();
    };
    const finish = () => {
      socket.off('data', onData).off('end', finish);
      socket.pause();
      resolve(received);
    };
    socket.on('data', onData).once('end', finish);
  });
  const line = text.split('\n')[0]!;
  let request: AdminRequest;
  try {
    request = incoming.parse(JSON.parse(line));
  } catch {
    send({ err: 'Not an admin command.' });
    send({ exit: 2 }, () => socket.end());
    return;
  }
  const file = new Writable({
    // Each chunk is acknowledged once the socket took it: a slow reader slows the backup instead of filling memory.
    write(chunk: Buffer, _encoding, done) {
      if (socket.destroyed) return done(new Error('the admin command line went away'));
      send({ data: chunk.toString('base64') }, () => done());
    },
  });
  const code = await run(request, { print: (out) => send({ out }), error: (err) => send({ err }), file });
  send({ exit: code }, () => socket.end());
}

/**
 * Sends one command to the process holding DATA_DIR and prints its answer
 * as it comes; the bytes of a file it writes go to `file`. Resolves with the
 * exit code; throws AdminSocketUnreachable when nobody listens.
 */
export async function sendAdminCommand(dataDir: string, request: AdminRequest, reply: AdminReply): Promise<number> {
  const socket = createConnection(adminSocketPath(dataDir));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', (error) => reject(new AdminSocketUnreachable(error.message)));
  });
  socket.write(`${JSON.stringify(request)}\n`);
  let exit: number | undefined;
  for await (const line of createInterface({ input: socket, crlfDelay: Infinity })) {
    const frame = outgoing.parse(JSON.parse(line));
    if ('out' in frame) reply.print(frame.out);
    else if ('err' in frame) reply.error(frame.err);
    else if ('data' in frame) {
      if (!reply.file.write(Buffer.from(frame.data, 'base64'))) {
        socket.pause();
        await new Promise((resolve) => reply.file.once('drain', resolve));
        socket.resume();
      }
    } else exit = frame.exit;
  }
  if (exit === undefined) throw new Error('The running site ended the command before it finished; see its log.');
  return exit;
}

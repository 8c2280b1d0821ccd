import { connect, type Socket } from 'node:net';

export type RawResponse = { status: number; headers: Record<string, string>; body: Buffer };

/**
 * One HTTP/1.1 connection over a plain socket, read the way a strict
 * keep-alive client reads it (Python's http.client, a proxy): a body is
 * exactly Content-Length bytes (or its chunks), none after HEAD, 204 or 304,
 * and the next answer starts right after it. Fewer bytes than promised is
 * a timeout here, as it is a hang there; more is a stray byte before the
 * next status line.
 */
export class RawConnection {
  private buffer = Buffer.alloc(0);
  private closed = false;
  private wake: (() => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
    socket.on('error', () => {});
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends one request and reads its whole answer; throws when the connection cannot carry another request after it. */
  async exchange(
    request: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
    timeoutMs = 10_000,
  ): Promise<RawResponse> {
    if (this.buffer.length > 0)
      throw new Error(
        `${this.buffer.length} stray bytes before the request: ${this.buffer.subarray(0, 80).toString()}`,
      );
    if (this.closed) throw new Error('the server closed the connection');
    const method = request.method ?? 'GET';
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const headers: Record<string, string> = { Host: 'localhost', ...request.headers };
    if (body && !Object.keys(headers).some((h) => /^(content-length|transfer-encoding)$/i.test(h)))
      headers['Content-Length'] = String(body.length);
    const head = `${method} ${request.path} HTTP/1.1\r\n${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n`;
    this.socket.write(body ? Buffer.concat([Buffer.from(head), body]) : head);
    return this.response(method, `${method} ${request.path}`, timeoutMs);
  }

  /** Reads the next answer, to a request written with write(). */
  async response(method: string, what: string, timeoutMs = 10_000): Promise<RawResponse> {
    const deadline = Date.now() + timeoutMs;

    const headEnd = await this.until(
      () => this.buffer.indexOf('\r\n\r\n'),
      deadline,
      `${what}: the end of the headers`,
    );
    const lines = this.take(headEnd + 4)
      .toString('latin1')
      .split('\r\n');
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0]!)?.[1] ?? NaN);
    const responseHeaders: Record<string, string> = {};
    for (const line of lines.slice(1).filter(Boolean)) {
      const colon = line.indexOf(':');
      responseHeaders[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    if (method === 'HEAD' || status === 204 || status === 304 || status < 200)
      return { status, headers: responseHeaders, body: Buffer.alloc(0) };
    if (responseHeaders['transfer-encoding'] === 'chunked')
      return { status, headers: responseHeaders, body: await this.readChunks(deadline, what) };
    const length = responseHeaders['content-length'];
    if (length === undefined)
      throw new Error(
        `${what}: ${status} has neither Content-Length nor chunks, so only closing the connection could end it`,
      );
    const size = Number(length);
    await this.until(
      () => (this.buffer.length >= size ? size : -1),
      deadline,
      `${what}: ${size} bytes of body (got ${this.buffer.length})`,
    );
    return { status, headers: responseHeaders, body: this.take(size) };
  }

  /** Writes raw bytes (a request sent in parts). */
  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  close(): void {
    this.socket.destroy();
  }

  private async readChunks(deadline: number, what: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = await this.until(() => this.buffer.indexOf('\r\n'), deadline, `${what}: a chunk's size`);
      const size = Number.parseInt(this.take(lineEnd + 2).toString(), 16);
      await this.until(
        () => (this.buffer.length >= size + 2 ? size : -1),
        deadline,
        `${what}: a chunk of ${size} bytes`,
      );
      parts.push(this.take(size));
      this.take(2);
      if (size === 0) return Buffer.concat(parts);
    }
  }

  private take(n: number): Buffer {
    const taken = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return Buffer.from(taken);
  }

  /** Waits until `found()` is not -1, and returns it. */
  private async until(found: () => number, deadline: number, waitingFor: string): Promise<number> {
    for (;;) {
      const at = found();
      if (at !== -1) return at;
      if (this.closed) throw new Error(`the connection closed while waiting for ${waitingFor}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${waitingFor}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}

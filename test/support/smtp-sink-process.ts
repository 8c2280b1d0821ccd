import { createWriteStream } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * An SMTP server in a process of its own, for the crash test and the email
 * benchmark: it accepts everything and writes one line per accepted message
 * to the log file given as the first argument: recipient, Message-ID. It
 * parses only the headers it needs, so it costs the machine little.
 *
 * Prints "listening <port>" on stdout once it accepts connections.
 */
const logFile = process.argv[2];
if (!logFile) throw new Error('usage: smtp-sink-process.ts <log file>');
const log = createWriteStream(logFile, { flags: 'a' });

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 1024 * 1024,
  maxClients: 1000,
  onData(stream, session, callback) {
    let head = '';
    let inHead = true;
    stream.on('data', (chunk: Buffer) => {
      if (!inHead) return;
      head += chunk.toString('utf8');
      const end = head.indexOf('\r\n\r\n');
      if (end >= 0) {
        head = head.slice(0, end);
        inHead = false;
      }
    });
    stream.on('end', () => {
      const messageId = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? '';
      const to = session.envelope.rcptTo.map((r) => r.address).join(',');
      // Written before the 250 goes back: what the log holds, the relay accepted.
      log.write(`${to}\t${messageId}\n`, () => callback());
    });
  },
});
// A client killed mid-conversation (the crash test's kill -9) resets its connection: smtp-server reports
// that as an 'error' event, which without a listener would end this process and refuse every later message.
server.on('error', (error: NodeJS.ErrnoException) =>
  process.stderr.write(`smtp sink: ${error.code ?? ''} ${error.message}\n`),
);
server.listen(Number(process.argv[3] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => log.end(() => process.exit(0))));

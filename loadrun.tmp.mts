// usage: tsx /tmp/loadrun.ts PORT PATH [seconds] [method]
import { runLoad } from '/work/main/bench/load.ts';
import { readFileSync } from 'node:fs';
const [port, path, secs = '8', method = 'POST', pid] = process.argv.slice(2);
const cpu = () => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const head = `${method} ${path} HTTP/1.1\r\nHost: localhost:${port}\r\nAccept-Encoding: br, gzip\r\nContent-Type: application/x-www-form-urlencoded\r\nOrigin: http://localhost:${port}\r\n`;
const c0 = cpu(); const g0 = process.cpuUsage();
const r = await runLoad({ host: '127.0.0.1', port: Number(port), connections: 100, durationMs: Number(secs) * 1000, request: (n) => { const body = method === 'GET' ? '' : `givenName=Alex&familyName=Signer+${n}&email=signer-${n}%40bench.example&zip=97201&comment=&showPublicly=on`; return `${head}X-Forwarded-For: 10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}\r\nContent-Length: ${body.length}\r\n\r\n${body}`; } });
const c1 = cpu(); const g = process.cpuUsage(g0);
console.log(`${path}: ${Math.round(r.ok / Number(secs))}/s ok, non2xx ${r.non2xx}, errors ${r.errors}, p50 ${r.percentile(50)} p99 ${r.percentile(99)}; server ${((c1 - c0) / (r.ok + r.non2xx)).toFixed(3)} ms/req, generator ${((g.user + g.system) / 1000 / (r.ok + r.non2xx)).toFixed(3)}`);

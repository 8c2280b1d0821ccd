import { solvedChallenges } from './bench/signers.ts';
import { FormGuard } from './src/platform/http/form-challenge.ts';
import { Secrets } from './src/platform/crypto.ts';
import { verifySolution } from 'altcha-lib';
const key = 'bench-petition-secret-key-long-enough-0123456789';
const proofs = (await solvedChallenges(key, 3000)).map(decodeURIComponent);
const g = new FormGuard({ db: undefined as never, secrets: new Secrets(key), nodeEnv: 'production', clientKey: () => '' });
for (let r = 0; r < 2; r++) { const t = performance.now(); for (const p of proofs) { const c = await g.check(p); if (c.state !== 'solved') throw new Error(c.state); } console.log('check', ((performance.now() - t) / proofs.length * 1000).toFixed(1), 'us'); }
const t = performance.now(); await Promise.all(proofs.map((p) => g.check(p))); console.log('check concurrent', ((performance.now() - t) / proofs.length * 1000).toFixed(1), 'us');
const cpu0 = process.cpuUsage(); for (const p of proofs) await g.check(p); const cpu = process.cpuUsage(cpu0); console.log('check cpu', ((cpu.user + cpu.system) / proofs.length).toFixed(1), 'us');

/** The spike's signers, shared by bench:petition and bench:petition-floor so that both send the same requests. */

// Real Oregon ZIPs: some wholly in one district, some across several.
const zips = ['97201', '97202', '97209', '97214', '97301', '97302', '97401', '97403', '97701', '97801', '97520', '97123', '97005', '97330', '97603'];

/** The n-th signer's form as a browser encodes it: a new person each time, all ASCII, so its length in characters is its length in bytes. */
export function signerForm(n: number): string {
  return (
    `givenName=Alex&familyName=Signer+${n}&email=signer-${n}%40bench.example&zip=${zips[n % zips.length]}` +
    `&comment=${n % 5 === 0 ? 'Healing+over+handcuffs.' : ''}&showPublicly=${n % 2 ? 'on' : ''}`
  );
}

import { agrees, caseFindings, hadolintCases } from '../support/hadolintSpec';

/**
 * How much of hadolint stageguard covers, measured on hadolint's own spec cases (issue 12): of the cases where
 * hadolint reports a DL code, the share where stageguard reports a finding with that code as alias; and of the cases
 * where hadolint stays silent, the share where stageguard does too. Prints the figures (`npx jest hadolintCoverage`).
 */
describe("stageguard on hadolint's spec cases", () => {
  const cases = hadolintCases();
  const results = cases.map(c => ({ c, ok: agrees(c, caseFindings(c)), caught: caseFindings(c).length > 0 }));
  const catches = results.filter(r => r.c.catches);
  const silent = results.filter(r => !r.c.catches);
  const share = catches.filter(r => r.caught).length / catches.length;
  const quiet = silent.filter(r => r.ok).length / silent.length;

  it('catches at least 95% of what hadolint catches, and stays silent on 99% of what it accepts', () => {
    const codes = [...new Set(cases.map(c => c.code))];
    const missed = codes
      .map(code => {
        const mine = catches.filter(r => r.c.code === code);
        return `${code} ${mine.filter(r => r.caught).length}/${mine.length}`;
      })
      .filter((_, i) => {
        const mine = catches.filter(r => r.c.code === codes[i]);
        return mine.some(r => !r.caught);
      });
    console.log(
      `hadolint spec cases: ${cases.length} over ${codes.length} rules; stageguard catches ${catches.filter(r => r.caught).length}/${catches.length} ` +
        `(${(share * 100).toFixed(1)}%) of hadolint's findings and agrees on ${silent.filter(r => r.ok).length}/${silent.length} ` +
        `(${(quiet * 100).toFixed(1)}%) of its silent cases.${missed.length ? ` Partly missed: ${missed.join(', ')}` : ''}`
    );
    expect(share).toBeGreaterThanOrEqual(0.95);
    expect(quiet).toBeGreaterThanOrEqual(0.99);
  });
});

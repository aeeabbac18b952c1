// Chapter 6's sentences on the survey, chosen by what the answers allow: a comparison, answers that cannot be
// compared (only "vet ej", or sub-indicators the analyst did not assess), or no self-assessment at all.
import { describe, expect, it } from 'vitest';
import type { ReportInputs } from '../src/inputs.ts';
import { chapter6Html } from '../src/survey.ts';

type Self = ReportInputs['self'][number];
const inputs = (self: Partial<Self>[], judged: { uppfyllda: number[]; bedomda: number[] }) =>
  ({
    edition: { ar: 2010 },
    surveyAsked: 85,
    surveyAnswered: self.length ? 1 : 2,
    self: self.map((s) => ({ entity_id: 'georange', kriterium: 1, hur: '', ...s })),
    analystIndicators: [{ entity_id: 'georange', kriterium: 1, ...judged }],
  }) as unknown as ReportInputs;

describe("chapter 6's survey sentences", () => {
  it('compares where both answered, and says how often the self-assessment is the more generous', () => {
    const html = chapter6Html(
      inputs(
        [
          { indikator: 1, svar: 'ja' },
          { indikator: 2, svar: 'ja' },
          { indikator: 3, svar: 'vet ej' },
        ],
        { uppfyllda: [1], bedomda: [1, 2, 3] },
      ),
    );
    expect(html).toContain(
      '1 av 85 besvarade den (1 av dem även underkategorierna). På 1 av de 2 underkategorier',
    );
    expect(html).toContain('den generösare i 1 fall och den strängare i 0; 1 svar var ”vet ej”.');
  });

  it('answers that cannot be compared are not said to be missing', () => {
    const html = chapter6Html(inputs([{ indikator: 4, svar: 'ja' }], { uppfyllda: [1], bedomda: [1, 2, 3] }));
    expect(html).toContain('(1 av dem även underkategorierna), men inget av deras svar');
    expect(html).not.toContain('ingen av dem besvarade underkategorierna');
  });

  it('no self-assessment: the survey was answered, the sub-indicators not', () => {
    const html = chapter6Html(inputs([], { uppfyllda: [], bedomda: [] }));
    expect(html).toContain('2 av 85 besvarade den; ingen av dem besvarade underkategorierna');
  });
});

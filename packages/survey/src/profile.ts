/**
 * The self-assessment's profile for a radar: per criterion, the share of its sub-indicators the initiative
 * answered ja (nej and vet ej are not ja); null for a criterion it left unanswered. Kept apart from the
 * workbook code so that the report and the web edition use it without loading exceljs.
 */
export function ownProfile(
  criteria: readonly { nr: number }[],
  indicators: readonly { kriterium: number }[],
  answers: readonly { kriterium: number; svar: string }[],
): (number | null)[] {
  return criteria.map((c) => {
    const total = indicators.filter((i) => i.kriterium === c.nr).length;
    const answered = answers.filter((s) => s.kriterium === c.nr);
    if (!total || answered.length === 0) return null;
    return answered.filter((s) => s.svar === 'ja').length / total;
  });
}

/** The one JSON answer every request-path server gives, so only the stack differs. */
export function casePayload(id: string) {
  return { id, caseNumber: '2026-CV-01234', title: 'Smith v. Jones', court: 'Superior Court', status: 'open', createdAt: '2026-12-05T00:00:00.000Z' };
}

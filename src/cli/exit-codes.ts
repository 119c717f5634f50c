/** 0: no finding at or above --fail-on; 1: findings (or a failed verification/export); 2: bad input or usage. */
export const EXIT = { ok: 0, findings: 1, badInput: 2 } as const;

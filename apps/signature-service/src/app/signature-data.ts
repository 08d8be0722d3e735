import { z } from 'zod';

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .refine((value) => !/[\r\n]/.test(value), 'must be one line');

/** Attorney and firm details a signature block is made from. */
export const attorneySchema = z.strictObject({
  name: text(200),
  barNumber: text(50),
  firm: text(200).optional(),
  /** Street address, one entry per line. */
  address: z.array(text(200)).min(1).max(5),
  phone: text(50).optional(),
  email: z.email().max(254).optional(),
  /** E.g. "Attorney for Plaintiff"; when absent it is built from `represents` (and the case's parties). */
  role: text(200).optional(),
  represents: z.enum(['plaintiff', 'defendant']).optional(),
  /** Signing date, `YYYY-MM-DD`. */
  date: z.iso.date().optional(),
});

export type Attorney = z.infer<typeof attorneySchema>;

/** Placeholders a signature template line may use. */
export const SIGNATURE_PLACEHOLDERS = [
  'name',
  'signature',
  'barNumber',
  'firm',
  'address',
  'phone',
  'email',
  'role',
  'date',
  'caseNumber',
] as const;

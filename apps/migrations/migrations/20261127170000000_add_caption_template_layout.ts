import type { MigrationBuilder } from 'node-pg-migrate';

// Expand only: caption templates keep their court lines in `template` (one line per
// line) and gain the rest of their layout (column separator, labels, width) here.
// Rows written before this migration get '{}', which caseblock-service reads as the defaults.

export async function up(pgm: MigrationBuilder): Promise<void> {
  pgm.addColumn('caption_templates', {
    layout: {
      type: 'jsonb',
      notNull: true,
      default: pgm.func(`'{}'::jsonb`),
      comment: 'separator, caseNumberLabel, judgeLabel, plaintiffLabel, defendantLabel, versus, width',
    },
  });
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  pgm.dropColumn('caption_templates', 'layout');
}

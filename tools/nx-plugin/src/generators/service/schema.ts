/** Options as typed on the command line (see schema.json). */
export interface ServiceGeneratorSchema {
  name: string;
  port: number;
  description?: string;
  tables?: string;
  database?: boolean;
  peers?: string;
  skipDerivedArtifacts?: boolean;
}

import { mebibytes } from './public-api-limits';
import { ServiceDefinition, ServiceResources } from './service-definition';

const small: ServiceResources = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};

/** Document conversion holds whole .docx files in memory (50 MB upload cap). */
const documentHeavy: ServiceResources = {
  requests: { cpu: '250m', memory: '256Mi' },
  limits: { cpu: '1', memory: '768Mi' },
};

/**
 * The one list of FACTSWAY backend services. Manifests, scrape configs, alerts,
 * dashboards, the local platform runner and the generator all derive from it.
 */
export const services = [
  {
    name: 'records',
    description: 'CRUD for templates, cases and drafts; draft version history and restore',
    port: 3001,
    replicas: { staging: 2, production: 3 },
    resources: small,
    tables: ['templates', 'cases', 'drafts', 'draft_versions'],
    peers: [],
    publicPaths: ['/api/templates', '/api/cases', '/api/drafts'],
    slo: { latencySeconds: 0.3, availability: 0.999, latencyTarget: 0.99 },
  },
  {
    name: 'ingestion',
    description: 'Turns an uploaded .docx into document JSON (sections, paragraphs)',
    port: 3002,
    replicas: { staging: 2, production: 2 },
    resources: documentHeavy,
    tables: ['ingestion_jobs'],
    peers: [],
    publicPaths: ['/api/ingest'],
    // The 50 MB .docx cap plus multipart overhead, so ingestion answers an oversized file with its own
    // JSON 413. Uploads are few and each is buffered whole by the gateway: 10 a minute per client.
    publicApiLimits: { maxRequestBodyBytes: mebibytes(60), clientRateLimit: { requests: 10, per: 'Minute' } },
    slo: { latencySeconds: 2.5, availability: 0.995, latencyTarget: 0.95 },
  },
  {
    name: 'export',
    description: 'Turns document JSON into a .docx file',
    port: 3003,
    replicas: { staging: 2, production: 2 },
    resources: documentHeavy,
    tables: [],
    peers: [],
    publicPaths: ['/api/export'],
    // export-service reads document JSON up to this size (its express body limit comes from here).
    publicApiLimits: { maxRequestBodyBytes: mebibytes(10) },
    slo: { latencySeconds: 2.5, availability: 0.995, latencyTarget: 0.95 },
  },
  {
    name: 'caseblock',
    description: 'Formats a case caption from case data; extracts a caption from text',
    port: 3004,
    replicas: { staging: 2, production: 2 },
    resources: small,
    tables: ['caption_templates'],
    peers: ['records'],
    publicPaths: ['/api/caseblock'],
    slo: { latencySeconds: 0.3, availability: 0.999, latencyTarget: 0.99 },
  },
  {
    name: 'signature',
    description: 'Signature-block templates; formats a block for a case and attorney',
    port: 3005,
    replicas: { staging: 2, production: 2 },
    resources: small,
    tables: ['signature_templates'],
    peers: ['records'],
    publicPaths: ['/api/signature'],
    slo: { latencySeconds: 0.3, availability: 0.999, latencyTarget: 0.99 },
  },
  {
    name: 'facts',
    description: "Splits a draft's text into sentences with offsets; registers facts",
    port: 3006,
    replicas: { staging: 2, production: 3 },
    resources: small,
    tables: ['sentences', 'facts'],
    peers: ['records'],
    publicPaths: ['/api/facts'],
    slo: { latencySeconds: 0.5, availability: 0.999, latencyTarget: 0.99 },
  },
  {
    name: 'exhibits',
    description: 'Evidence records; exhibit labels (A..Z, AA..) linked to facts',
    port: 3007,
    replicas: { staging: 2, production: 2 },
    resources: small,
    tables: ['evidence'],
    peers: ['facts'],
    publicPaths: ['/api/evidence', '/api/exhibits'],
    slo: { latencySeconds: 0.3, availability: 0.999, latencyTarget: 0.99 },
  },
  {
    name: 'caselaw',
    description: 'Detects and formats legal citations; authorities; table of authorities',
    port: 3008,
    replicas: { staging: 2, production: 2 },
    resources: small,
    tables: ['authorities', 'citations'],
    peers: ['records'],
    publicPaths: ['/api/citations', '/api/authorities', '/api/toa'],
    slo: { latencySeconds: 0.5, availability: 0.999, latencyTarget: 0.99 },
  },
] as const satisfies readonly ServiceDefinition[];

export type ServiceName = (typeof services)[number]['name'];

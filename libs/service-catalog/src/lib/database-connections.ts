/**
 * The connection numbers every layer shares: a service pod's pg Pool (`createPool`), the
 * connection budget the manifests are tested against (infra/kubernetes), and the alert on
 * connections nearing the limit (infra/monitoring).
 */
export const databaseConnections = {
  /** Connections in each service pod's pg Pool (`createPool`'s default `max`). */
  poolPerPod: 10,
  /** PostgreSQL `max_connections` of the deployed clusters. */
  maxConnections: 300,
  /**
   * Connections the poolers may never take: PostgreSQL's own superuser reserve, the migrations
   * Job (direct, it needs advisory locks), the CloudNativePG instance manager and exporter, a
   * base backup, and people running psql during an incident.
   */
  reserved: {
    superuserReserved: 3,
    migrations: 2,
    instanceManagerAndExporter: 5,
    backup: 2,
    operators: 10,
  },
} as const;

/** Sum of `databaseConnections.reserved`. */
export function reservedConnections(): number {
  return Object.values(databaseConnections.reserved).reduce((sum, count) => sum + count, 0);
}

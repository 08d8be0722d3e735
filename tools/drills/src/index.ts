// Drills are run as tests (`npx nx test drills`); the helpers they share are exported here.
export * from './support';
